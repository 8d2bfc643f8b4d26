namespace AgentOs.Orleans;

/// <summary>How a silo hosts VM grains (<see cref="AgentOsOrleansExtensions.AddAgentOsVms"/>).</summary>
public sealed class AgentOsSiloOptions
{
    /// <summary>This silo's host memory total (<see cref="AgentOsHostOptions.MaxTotalMemoryBytes"/>); null: unbounded.</summary>
    public long? MaxTotalMemoryBytes { get; set; }

    /// <summary>This silo's host CPU total (<see cref="AgentOsHostOptions.MaxTotalCpuCores"/>); null: unbounded.</summary>
    public double? MaxTotalCpuCores { get; set; }

    /// <summary>A VM grain not called for this long is deactivated (its state saved, its VM disposed). Default 15 minutes.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>When VM state is written to the grain storage. Default <see cref="VmSavePolicy.AfterEveryChange"/>.</summary>
    public VmSavePolicy SavePolicy { get; set; } = VmSavePolicy.AfterEveryChange;

    /// <summary>How often the silo publishes its free capacity and VMs for placement and listing. Default 2 s.</summary>
    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The software cache directory (<see cref="AgentOsOptions.CacheDirectory"/>); null: the default.</summary>
    public string? CacheDirectory { get; set; }
}
