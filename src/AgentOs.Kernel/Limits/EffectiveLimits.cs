namespace AgentOs.Kernel.Limits;

/// <summary>The validated caps a VM runs with: every field set, immutable.</summary>
public sealed record EffectiveLimits(
    int MaxProcesses,
    int MaxOpenFds,
    int MaxPipes,
    int MaxPtys,
    int MaxQueuedCommands,
    int MaxSockets,
    int MaxConnections,
    long MaxSocketBufferedBytes,
    int MaxSocketDatagramQueueLen,
    long MaxFilesystemBytes,
    int MaxInodeCount,
    long MaxPipeOverflowBytes,
    int MaxBlockingReadMs,
    long MaxPreadBytes,
    long MaxFdWriteBytes,
    int MaxProcessArgvBytes,
    int MaxProcessEnvBytes,
    int MaxReaddirEntries,
    long MaxWasmMemoryBytes,
    long MaxMemoryBytes,
    long MaxWasmStackBytes,
    int CpuCount,
    double MaxCpuCores)
{
    /// <summary>The defaults, as <c>new ResourceLimits().Resolve()</c>.</summary>
    public static EffectiveLimits Default { get; } = new ResourceLimits().Resolve();

    /// <summary>The configuration path of a <see cref="ResourceLimits"/> property, e.g. <c>limits.resources.maxProcesses</c>.</summary>
    public static string ConfigPath(string propertyName) =>
        "limits.resources." + char.ToLowerInvariant(propertyName[0]) + propertyName[1..];
}
