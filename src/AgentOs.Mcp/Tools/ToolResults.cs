using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace AgentOs.Mcp.Tools;

/// <summary>Building <see cref="CallToolResult"/>s and the tools' schemas.</summary>
internal static class ToolResults
{
    /// <summary>A failed call: the client shows the model <paramref name="message"/> with <c>isError</c> set.</summary>
    public static CallToolResult Error(string message) => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = message }],
    };

    /// <summary>A successful call: text for the model and the same facts as structured content (for the output schema).</summary>
    public static CallToolResult Structured(string text, JsonObject structured) => new()
    {
        Content = [new TextContentBlock { Text = text }],
        StructuredContent = Parse(structured.ToJsonString()),
    };

    /// <summary>Parses JSON written in the source (schemas) or built in code.</summary>
    public static JsonElement Parse(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
