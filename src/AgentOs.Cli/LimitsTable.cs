using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using AgentOs.Kernel.Limits;
using Spectre.Console;

namespace AgentOs.Cli;

/// <summary>Renders every <see cref="ResourceLimits"/> field: config path, default, effective value and, when known, usage;
/// as a table for people or as JSON (<c>--json</c>) for scripts.</summary>
internal static class LimitsTable
{
    /// <summary>A JSON array with one object per limit: <c>{"limit","configPath","default","effective"}</c>, plus
    /// <c>"current"</c> and <c>"highWater"</c> (null when the limit has no gauge) when <paramref name="usage"/> is given.</summary>
    public static string Json(EffectiveLimits effective, IReadOnlyList<LimitUsage>? usage)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (PropertyInfo field in Fields)
            {
                string path = EffectiveLimits.ConfigPath(field.Name);
                json.WriteStartObject();
                json.WriteString("limit", path["limits.resources.".Length..]);
                json.WriteString("configPath", path);
                json.WriteNumber("default", Value(EffectiveLimits.Default, field.Name));
                json.WriteNumber("effective", Value(effective, field.Name));
                if (usage is not null)
                {
                    LimitUsage? gauge = usage.FirstOrDefault(u => u.ConfigPath == path);
                    WriteNullable(json, "current", gauge?.Current);
                    WriteNullable(json, "highWater", gauge?.HighWater);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static Table Build(EffectiveLimits effective, IReadOnlyList<LimitUsage>? usage)
    {
        var table = new Table();
        table.AddColumns("limit", "config path", "default", "effective");
        if (usage is not null)
        {
            table.AddColumns("current", "high water");
        }

        foreach (PropertyInfo field in Fields)
        {
            string path = EffectiveLimits.ConfigPath(field.Name);
            double defaultValue = Value(EffectiveLimits.Default, field.Name);
            double effectiveValue = Value(effective, field.Name);
            string effectiveText = Format(field.Name, effectiveValue);
            var cells = new List<string>
            {
                path["limits.resources.".Length..],
                path,
                Format(field.Name, defaultValue),
                effectiveValue == defaultValue ? effectiveText : $"[bold]{effectiveText}[/]",
            };
            if (usage is not null)
            {
                LimitUsage? gauge = usage.FirstOrDefault(u => u.ConfigPath == path);
                cells.Add(gauge is null ? "-" : gauge.Current.ToString(CultureInfo.InvariantCulture));
                cells.Add(gauge is null ? "-" : gauge.HighWater.ToString(CultureInfo.InvariantCulture));
            }

            table.AddRow(cells.ToArray());
        }

        return table;
    }

    private static IEnumerable<PropertyInfo> Fields =>
        typeof(ResourceLimits).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite);

    private static void WriteNullable(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static double Value(EffectiveLimits limits, string name) =>
        Convert.ToDouble(typeof(EffectiveLimits).GetProperty(name)!.GetValue(limits), CultureInfo.InvariantCulture);

    /// <summary>Byte-valued limits also show a binary size, e.g. <c>67108864 (64 MiB)</c>.</summary>
    private static string Format(string name, double value)
    {
        string plain = value.ToString(CultureInfo.InvariantCulture);
        return name.EndsWith("Bytes", StringComparison.Ordinal) && value >= 1024
            ? $"{plain} ({SoftwareProgressView.FormatBytes((long)value).Replace(".0 ", " ", StringComparison.Ordinal)})"
            : plain;
    }
}
