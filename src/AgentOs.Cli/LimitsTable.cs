using System.Globalization;
using System.Reflection;
using AgentOs.Kernel.Limits;
using Spectre.Console;

namespace AgentOs.Cli;

/// <summary>Renders every <see cref="ResourceLimits"/> field: config path, default, effective value and, when known, usage.</summary>
internal static class LimitsTable
{
    public static Table Build(EffectiveLimits effective, IReadOnlyList<LimitUsage>? usage)
    {
        var table = new Table();
        table.AddColumns("limit", "config path", "default", "effective");
        if (usage is not null)
        {
            table.AddColumns("current", "high water");
        }

        foreach (PropertyInfo field in typeof(ResourceLimits).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
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
