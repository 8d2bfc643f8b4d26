using AgentOs.Kernel.Limits;

namespace AgentOs.Orleans;

/// <summary>How a VM grain creates its VM on first use; kept in grain state so a re-activation recreates the same
/// VM. Unset limits take the library's defaults.</summary>
[GenerateSerializer]
[Alias("AgentOs.Orleans.VmSettings")]
public sealed class VmSettings
{
    /// <summary><c>limits.resources.maxMemoryBytes</c>.</summary>
    [Id(0)] public long? MaxMemoryBytes { get; set; }

    /// <summary><c>limits.resources.maxFilesystemBytes</c>.</summary>
    [Id(1)] public long? MaxFilesystemBytes { get; set; }

    /// <summary><c>limits.resources.maxCpuCores</c>.</summary>
    [Id(2)] public double? MaxCpuCores { get; set; }

    /// <summary><c>limits.resources.maxProcesses</c>.</summary>
    [Id(3)] public int? MaxProcesses { get; set; }

    /// <summary>Software packages (names) besides the default set.</summary>
    [Id(4)] public List<string> Software { get; set; } = [];

    /// <summary>Environment variables of the VM.</summary>
    [Id(5)] public Dictionary<string, string> Env { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The kernel limits these settings give.</summary>
    public ResourceLimits ToResourceLimits() => new()
    {
        MaxMemoryBytes = MaxMemoryBytes,
        MaxFilesystemBytes = MaxFilesystemBytes,
        MaxCpuCores = MaxCpuCores,
        MaxProcesses = MaxProcesses,
    };
}
