namespace AgentOs.Orleans.Tests;

/// <summary>Two silos whose host totals hold two <see cref="FullClusterFixture.Settings"/> VMs each.</summary>
public sealed class FullClusterFixture() : ClusterFixture(2, 300L << 20)
{
    /// <summary>A VM claiming 128 MiB (64 MiB memory + 64 MiB filesystem).</summary>
    public static VmSettings Settings => new() { MaxMemoryBytes = 64L << 20, MaxFilesystemBytes = 64L << 20 };
}
