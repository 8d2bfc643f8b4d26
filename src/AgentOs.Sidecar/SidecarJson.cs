using System.Text.Json;
using System.Text.Json.Serialization;
using StreamJsonRpc;

namespace AgentOs.Sidecar;

/// <summary>The wire format both ends use: newline-delimited JSON-RPC 2.0, camelCase, nulls omitted, enums as camelCase strings.</summary>
internal static class SidecarJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static JsonRpc CreateRpc(System.IO.Pipelines.PipeWriter writer, System.IO.Pipelines.PipeReader reader)
    {
        var formatter = new SystemTextJsonFormatter { JsonSerializerOptions = CreateOptions() };
        return new SidecarJsonRpc(new NewLineDelimitedMessageHandler(writer, reader, formatter) { NewLine = NewLineDelimitedMessageHandler.NewLineStyle.Lf });
    }

    public static string Name(Enum value) => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DictionaryKeyPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            PropertyNameCaseInsensitive = true,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }
}
