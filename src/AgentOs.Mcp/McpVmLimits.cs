namespace AgentOs.Mcp;

/// <summary>The limits of a session's VM that the tool descriptions name, so the model knows what refuses.</summary>
/// <param name="MaxProcesses"><c>limits.resources.maxProcesses</c>.</param>
/// <param name="MaxFilesystemBytes"><c>limits.resources.maxFilesystemBytes</c>.</param>
/// <param name="MaxMemoryBytes"><c>limits.resources.maxMemoryBytes</c>.</param>
/// <param name="MaxCpuCores"><c>limits.resources.maxCpuCores</c>.</param>
public sealed record McpVmLimits(int MaxProcesses, long MaxFilesystemBytes, long MaxMemoryBytes, double MaxCpuCores);
