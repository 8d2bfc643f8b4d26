namespace AgentOs.Mcp.Tools;

/// <summary>A tool call's arguments do not fit the tool's input schema; the message says which and why.</summary>
internal sealed class ToolArgumentException(string message) : Exception(message);
