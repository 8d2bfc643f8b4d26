using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace AgentOs.Mcp.Tests;

internal static class ResultExtensions
{
    /// <summary>The text blocks of a tool result, joined.</summary>
    public static string Text(this CallToolResult result) =>
        string.Concat(result.Content.OfType<TextContentBlock>().Select(block => block.Text));

    /// <summary>A property of the structured content.</summary>
    public static JsonElement Structured(this CallToolResult result, string property) =>
        result.StructuredContent is { } content ? content.GetProperty(property) : throw new Xunit.Sdk.XunitException($"no structured content in: {result.Text()}");
}
