using System.Buffers;
using System.Text.Json;

namespace AgentOs.Sidecar;

/// <summary>
/// Checks each inbound line before StreamJsonRpc sees it (StreamJsonRpc ends the connection on a frame it cannot
/// parse): only JSON-RPC 2.0 request/notification objects pass; anything else gets an error response built here.
/// </summary>
internal static class FrameValidator
{
    /// <summary>Null when <paramref name="line"/> is a request to hand on; otherwise the error response frame.</summary>
    public static byte[]? Check(ReadOnlySequence<byte> line)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(line);
            document = JsonDocument.ParseValue(ref reader);
            if (reader.Read())
            {
                document.Dispose();
                return Error(default, SidecarErrorCodes.ParseError, "Parse error: more than one JSON value on the line");
            }
        }
        catch (JsonException e)
        {
            return Error(default, SidecarErrorCodes.ParseError, "Parse error: " + e.Message);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Error(default, SidecarErrorCodes.InvalidRequest, "Invalid request: expected a JSON-RPC 2.0 request object (batches are not supported)");
            }

            var id = root.TryGetProperty("id", out var idElement) ? idElement : default;
            if (id.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null)
                || (id.ValueKind == JsonValueKind.Number && !id.TryGetInt64(out _)))
            {
                return Error(default, SidecarErrorCodes.InvalidRequest, "Invalid request: id must be a string or an integer");
            }

            if (!root.TryGetProperty("jsonrpc", out var version) || version.ValueKind != JsonValueKind.String || version.GetString() != "2.0")
            {
                return Error(id, SidecarErrorCodes.InvalidRequest, "Invalid request: \"jsonrpc\" must be \"2.0\"");
            }

            if (!root.TryGetProperty("method", out var method) || method.ValueKind != JsonValueKind.String)
            {
                return Error(id, SidecarErrorCodes.InvalidRequest, "Invalid request: \"method\" must be a string (the sidecar sends no requests, so expects no responses)");
            }

            if (root.TryGetProperty("params", out var parameters) && parameters.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
            {
                return Error(id, SidecarErrorCodes.InvalidRequest, "Invalid request: \"params\" must be an object or an array");
            }

            return null;
        }
    }

    /// <summary>An error response for a line longer than the frame limit (its id is unknown: the line was skipped unread).</summary>
    public static byte[] TooLarge(int maxFrameBytes) =>
        Error(default, SidecarErrorCodes.InvalidRequest, $"Invalid request: frame larger than {maxFrameBytes} bytes (raise sidecar.maxFrameBytes)", "sidecar.maxFrameBytes");

    private static byte[] Error(JsonElement id, int code, string message, string? configPath = null)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            writer.WritePropertyName("id");
            if (id.ValueKind is JsonValueKind.String or JsonValueKind.Number)
            {
                id.WriteTo(writer);
            }
            else
            {
                writer.WriteNullValue();
            }

            writer.WriteStartObject("error");
            writer.WriteNumber("code", code);
            writer.WriteString("message", message);
            writer.WritePropertyName("data");
            JsonSerializer.Serialize(writer, new SidecarErrorData("BadFrame", configPath), SidecarJson.Options);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
