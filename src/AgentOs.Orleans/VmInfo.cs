namespace AgentOs.Orleans;

/// <summary>What a VM offers a caller that describes it (an MCP server's tool descriptions): where commands start,
/// the programs on its PATH, and its main limits.</summary>
/// <param name="WorkingDirectory">Where relative paths and commands start.</param>
/// <param name="Commands">The program names on its PATH, sorted.</param>
/// <param name="MaxProcesses"><c>limits.resources.maxProcesses</c>.</param>
/// <param name="MaxFilesystemBytes"><c>limits.resources.maxFilesystemBytes</c>.</param>
/// <param name="MaxMemoryBytes"><c>limits.resources.maxMemoryBytes</c>.</param>
/// <param name="MaxCpuCores"><c>limits.resources.maxCpuCores</c>.</param>
[GenerateSerializer]
[Alias("AgentOs.Orleans.VmInfo")]
public sealed record VmInfo(
    [property: Id(0)] string WorkingDirectory,
    [property: Id(1)] IReadOnlyList<string> Commands,
    [property: Id(2)] int MaxProcesses,
    [property: Id(3)] long MaxFilesystemBytes,
    [property: Id(4)] long MaxMemoryBytes,
    [property: Id(5)] double MaxCpuCores);
