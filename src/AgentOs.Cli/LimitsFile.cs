using System.Reflection;
using System.Text.Json;
using AgentOs.Kernel.Limits;

namespace AgentOs.Cli;

/// <summary>
/// Reads limits from a JSON file in the agentOS shape, <c>{"limits":{"resources":{"maxProcesses":64}}}</c>, into a
/// <see cref="ResourceLimits"/>. Other top-level sections are ignored (the file may be a whole VM config); an unknown
/// or non-integer field under <c>limits</c> is an error naming its path. Range checks stay with
/// <see cref="ResourceLimits.Resolve"/>.
/// </summary>
internal static class LimitsFile
{
    private static readonly Dictionary<string, PropertyInfo> Fields = typeof(ResourceLimits)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanWrite)
        .ToDictionary(p => EffectiveLimits.ConfigPath(p.Name)["limits.resources.".Length..], StringComparer.Ordinal);

    public static ResourceLimits Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new CliUsageException($"--limits: cannot read '{path}': {e.Message}");
        }

        try
        {
            return Parse(bytes);
        }
        catch (JsonException e)
        {
            throw new CliUsageException($"--limits: '{path}' is not valid JSON: {e.Message}");
        }
        catch (FormatException e)
        {
            throw new CliUsageException($"--limits: '{path}': {e.Message}");
        }
    }

    /// <exception cref="JsonException">The bytes are not JSON.</exception>
    /// <exception cref="FormatException">The JSON is not in the agentOS limits shape; the message names the path.</exception>
    public static ResourceLimits Parse(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        using JsonDocument document = JsonDocument.ParseValue(ref reader);
        var limits = new ResourceLimits();
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("expected a JSON object like {\"limits\":{\"resources\":{\"maxProcesses\":64}}}");
        }

        if (!root.TryGetProperty("limits", out JsonElement limitsElement))
        {
            return limits;
        }

        RequireObject(limitsElement, "limits");
        foreach (JsonProperty group in limitsElement.EnumerateObject())
        {
            if (group.Name != "resources")
            {
                throw new FormatException($"limits.{group.Name} is not supported (only limits.resources.*)");
            }

            RequireObject(group.Value, "limits.resources");
            foreach (JsonProperty field in group.Value.EnumerateObject())
            {
                Set(limits, field);
            }
        }

        return limits;
    }

    private static void Set(ResourceLimits limits, JsonProperty field)
    {
        string path = "limits.resources." + field.Name;
        if (!Fields.TryGetValue(field.Name, out PropertyInfo? property))
        {
            throw new FormatException(OptionKeys.UnknownKeyMessage(path, typeof(ResourceLimits)));
        }

        if (field.Value.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        Type type = Nullable.GetUnderlyingType(property.PropertyType)!;
        bool number = field.Value.ValueKind == JsonValueKind.Number;
        object? value = type == typeof(int) ? number && field.Value.TryGetInt32(out int i) ? i : null
            : type == typeof(double) ? number && field.Value.TryGetDouble(out double d) ? d : null
            : number && field.Value.TryGetInt64(out long l) ? l : null;
        string kind = type == typeof(double) ? "a number" : "an integer";
        property.SetValue(limits, value ?? throw new FormatException($"{path} must be {kind} (was {field.Value.GetRawText()})"));
    }

    private static void RequireObject(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{path} must be an object (was {element.ValueKind.ToString().ToLowerInvariant()})");
        }
    }
}
