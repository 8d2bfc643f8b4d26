using System.Text.Json;

namespace AgentOs.Mcp.Tools;

/// <summary>
/// A tool call's arguments, checked against what the tool accepts. Clients do not always validate against the input
/// schema, so every mismatch becomes a <see cref="ToolArgumentException"/> naming the argument (JSON null counts as
/// absent).
/// </summary>
internal sealed class ToolArguments
{
    private readonly string _tool;
    private readonly IDictionary<string, JsonElement> _values;

    /// <exception cref="ToolArgumentException">An argument the tool does not know was given.</exception>
    public ToolArguments(string tool, IDictionary<string, JsonElement>? values, IReadOnlyCollection<string> known)
    {
        _tool = tool;
        _values = values ?? new Dictionary<string, JsonElement>();
        foreach (string name in _values.Keys)
        {
            if (!known.Contains(name))
            {
                throw new ToolArgumentException($"{tool}: unknown argument '{name}' (expected {string.Join(", ", known)})");
            }
        }
    }

    /// <exception cref="ToolArgumentException">The argument is missing or not a string.</exception>
    public string RequiredString(string name) =>
        OptionalString(name) ?? throw new ToolArgumentException($"{_tool}: missing required argument '{name}' (a string)");

    /// <exception cref="ToolArgumentException">The argument is not a string.</exception>
    public string? OptionalString(string name)
    {
        if (!TryGet(name, out JsonElement value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new ToolArgumentException($"{_tool}: argument '{name}' must be a string, got {Describe(value)}");
    }

    /// <exception cref="ToolArgumentException">The argument is not an integer from <paramref name="min"/> to <paramref name="max"/>.</exception>
    public long? OptionalInteger(string name, long min, long max)
    {
        if (!TryGet(name, out JsonElement value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out long number))
        {
            throw new ToolArgumentException($"{_tool}: argument '{name}' must be an integer, got {Describe(value)}");
        }

        return number >= min && number <= max
            ? number
            : throw new ToolArgumentException($"{_tool}: argument '{name}' must be from {min} to {max}, got {number}");
    }

    private bool TryGet(string name, out JsonElement value) =>
        _values.TryGetValue(name, out value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };
}
