using System.Buffers;
using System.Text.Json;

namespace AgentOs.Sidecar;

/// <summary>
/// Checks each inbound line before StreamJsonRpc sees it (StreamJsonRpc ends the connection on a frame it cannot
/// parse): only JSON-RPC 2.0 request/notification objects pass, with parameters of the kinds their method takes
/// (<see cref="ParameterCheck"/>); anything else gets an error response built here.
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

            return ParameterCheck.Check(method.GetString()!, parameters) is { } problem
                ? Error(id, SidecarErrorCodes.InvalidParams, problem, type: "InvalidParams")
                : null;
        }
    }

    /// <summary>
    /// An error response for a line longer than the frame limit, answered with the request's id when
    /// <paramref name="prefix"/> (the part within the limit) has a top-level string or integer <c>id</c> before
    /// anything cuts it off, so a client waiting on that id gets its answer; otherwise with a null id.
    /// </summary>
    public static byte[] TooLarge(int maxFrameBytes, ReadOnlySequence<byte> prefix)
    {
        using var id = ReadId(prefix);
        return Error(id?.RootElement ?? default, SidecarErrorCodes.InvalidRequest, $"Invalid request: frame larger than {maxFrameBytes} bytes (raise sidecar.maxFrameBytes)", "sidecar.maxFrameBytes");
    }

    // Scans the incomplete JSON for the request object's own "id"; null when it is not there, not yet, or not valid.
    private static JsonDocument? ReadId(ReadOnlySequence<byte> prefix)
    {
        try
        {
            var reader = new Utf8JsonReader(prefix, isFinalBlock: false, state: default);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read())
            {
                if (reader.CurrentDepth != 1 || reader.TokenType != JsonTokenType.PropertyName)
                {
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
                    {
                        return null;
                    }

                    continue;
                }

                var isId = reader.ValueTextEquals("id"u8);
                if (!reader.Read())
                {
                    return null;
                }

                if (isId)
                {
                    if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number)
                        || (reader.TokenType == JsonTokenType.Number && !reader.TryGetInt64(out _)))
                    {
                        return null;
                    }

                    var raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray();
                    return JsonDocument.Parse(reader.TokenType == JsonTokenType.String ? Quote(raw) : raw);
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
                {
                    return null;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: no id to answer with.
        }

        return null;
    }

    // The raw (still escaped) bytes of a JSON string token, with its quotes back.
    private static byte[] Quote(byte[] raw) => [(byte)'"', .. raw, (byte)'"'];

    private static byte[] Error(JsonElement id, int code, string message, string? configPath = null, string type = "BadFrame")
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
            JsonSerializer.Serialize(writer, new SidecarErrorData(type, configPath), SidecarJson.Options);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
