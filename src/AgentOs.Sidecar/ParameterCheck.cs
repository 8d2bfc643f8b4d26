using System.Reflection;
using System.Text.Json;
using StreamJsonRpc;

namespace AgentOs.Sidecar;

/// <summary>
/// Checks a request's parameters against the signature of its <see cref="SidecarTarget"/> method before StreamJsonRpc
/// binds them, so a missing or wrongly typed parameter is answered in the protocol's words ("\"command\" must be a
/// string") instead of StreamJsonRpc's "Unable to find method 'process.exec/2' on {no object}…". Only the value kinds
/// are checked here; structured parameters (limits, network…) are left to their own validation.
/// </summary>
internal static class ParameterCheck
{
    private static readonly NullabilityInfoContext Nullability = new();

    private static readonly Dictionary<string, ParameterInfo[]> Methods = typeof(SidecarTarget)
        .GetMethods(BindingFlags.Public | BindingFlags.Instance)
        .Select(m => (Attribute: m.GetCustomAttribute<JsonRpcMethodAttribute>(), Method: m))
        .Where(m => m.Attribute?.Name is not null)
        .ToDictionary(
            m => m.Attribute!.Name!,
            m => m.Method.GetParameters().Where(p => p.ParameterType != typeof(CancellationToken)).ToArray(),
            StringComparer.Ordinal);

    /// <summary>Null when <paramref name="parameters"/> fit <paramref name="method"/> (or the method is unknown, which
    /// StreamJsonRpc answers itself); otherwise the message of the InvalidParams error.</summary>
    public static string? Check(string method, JsonElement parameters)
    {
        if (!Methods.TryGetValue(method, out var expected))
        {
            return null;
        }

        if (parameters.ValueKind == JsonValueKind.Array)
        {
            var given = parameters.GetArrayLength();
            if (given > expected.Length)
            {
                return $"Invalid params: {method} takes at most {expected.Length} parameters, got {given}";
            }

            for (var i = 0; i < expected.Length; i++)
            {
                var problem = i < given ? Problem(expected[i], parameters[i]) : Missing(expected[i]);
                if (problem is not null)
                {
                    return $"Invalid params: {problem} ({method})";
                }
            }

            return null;
        }

        foreach (var parameter in expected)
        {
            var problem = parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty(parameter.Name!, out var value)
                ? Problem(parameter, value)
                : Missing(parameter);
            if (problem is not null)
            {
                return $"Invalid params: {problem} ({method})";
            }
        }

        return null;
    }

    private static string? Missing(ParameterInfo parameter) =>
        parameter.HasDefaultValue ? null : $"missing required parameter \"{parameter.Name}\"";

    private static string? Problem(ParameterInfo parameter, JsonElement value)
    {
        var type = parameter.ParameterType;
        if (value.ValueKind == JsonValueKind.Null)
        {
            var nullable = Nullable.GetUnderlyingType(type) is not null
                || (!type.IsValueType && Nullability.Create(parameter).WriteState != NullabilityState.NotNull);
            return nullable ? null : $"\"{parameter.Name}\" must not be null";
        }

        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        var expected = Expected(underlying);
        var fits = expected switch
        {
            null => true,
            "a string" => value.ValueKind == JsonValueKind.String,
            "base64 data (a string)" => value.ValueKind == JsonValueKind.String && value.TryGetBytesFromBase64(out _),
            "a boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "a number" => value.ValueKind == JsonValueKind.Number,
            "an array of strings" => value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String),
            "an object of strings" => value.ValueKind == JsonValueKind.Object && value.EnumerateObject().All(p => p.Value.ValueKind == JsonValueKind.String),
            _ => FitsInteger(underlying, value),
        };
        return fits ? null : $"\"{parameter.Name}\" must be {expected}";
    }

    // What a parameter of this type must be in JSON; null for types whose own validation reports bad values.
    private static string? Expected(Type type) => type switch
    {
        _ when type == typeof(string) => "a string",
        _ when type == typeof(byte[]) => "base64 data (a string)",
        _ when type == typeof(bool) => "a boolean",
        _ when type == typeof(double) || type == typeof(float) => "a number",
        _ when type == typeof(int) => $"an integer from {int.MinValue} to {int.MaxValue}",
        _ when type == typeof(long) => "an integer",
        _ when typeof(IEnumerable<string>).IsAssignableFrom(type) && !typeof(IDictionary<string, string>).IsAssignableFrom(type) => "an array of strings",
        _ when typeof(IDictionary<string, string>).IsAssignableFrom(type) => "an object of strings",
        _ => null,
    };

    private static bool FitsInteger(Type type, JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && (type == typeof(int) ? value.TryGetInt32(out _) : value.TryGetInt64(out _));
}
