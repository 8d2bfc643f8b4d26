namespace AgentOs;

/// <summary>Totals that bound every VM of one <see cref="AgentOsHost"/> together; null: no total for that resource.</summary>
public sealed class AgentOsHostOptions
{
    /// <summary>
    /// Host memory all the VMs may claim together: each VM claims its <c>limits.resources.maxMemoryBytes</c> plus
    /// <c>maxFilesystemBytes</c> (the filesystem is in memory) when it is created. Config path
    /// <c>host.maxTotalMemoryBytes</c>.
    /// </summary>
    public long? MaxTotalMemoryBytes { get; set; }

    /// <summary>CPU all the VMs may claim together: each claims its <c>limits.resources.maxCpuCores</c>. Config path
    /// <c>host.maxTotalCpuCores</c>.</summary>
    public double? MaxTotalCpuCores { get; set; }
}
