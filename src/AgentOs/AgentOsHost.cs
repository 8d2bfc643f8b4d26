using AgentOs.Kernel.Limits;

namespace AgentOs;

/// <summary>
/// Bounds many VMs together: pass one host to every <see cref="AgentOsOptions.Host"/> (the sidecar uses one for all
/// its VMs). Each VM claims its memory (<c>maxMemoryBytes</c> + <c>maxFilesystemBytes</c>) and CPU
/// (<c>maxCpuCores</c>) when it is created and gives them back when it is disposed; a VM that does not fit is refused
/// with <see cref="AgentOsHostCapacityException"/> naming the total. The totals are gauges with the usual 80% warning.
/// </summary>
public sealed class AgentOsHost
{
    /// <summary>Config path of <see cref="AgentOsHostOptions.MaxTotalMemoryBytes"/>.</summary>
    public const string MemoryConfigPath = "host.maxTotalMemoryBytes";

    /// <summary>Config path of <see cref="AgentOsHostOptions.MaxTotalCpuCores"/>.</summary>
    public const string CpuConfigPath = "host.maxTotalCpuCores";

    private const long MilliCores = 1000;

    private readonly LimitRegistry _registry = new("host");
    private readonly LimitGauge? _memory;
    private readonly LimitGauge? _cpu;

    /// <summary>Creates a host with the given totals.</summary>
    /// <exception cref="LimitConfigurationException">A total is zero, negative, not finite or absurd.</exception>
    public AgentOsHost(AgentOsHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxTotalMemoryBytes is { } memory)
        {
            if (memory is <= 0 or > 1L << 50)
            {
                throw new LimitConfigurationException(MemoryConfigPath, $"{MemoryConfigPath} must be between 1 and {1L << 50} (was {memory}).");
            }

            _memory = _registry.Register("host_memory_bytes", LimitCategory.Memory, memory, MemoryConfigPath);
        }

        if (options.MaxTotalCpuCores is { } cores)
        {
            if (!double.IsFinite(cores) || cores is < 0.01 or > 1_000_000)
            {
                throw new LimitConfigurationException(CpuConfigPath, $"{CpuConfigPath} must be between 0.01 and 1000000 (was {cores}).");
            }

            _cpu = _registry.Register("host_cpu_millicores", LimitCategory.Resource, (long)(cores * MilliCores), CpuConfigPath);
        }
    }

    /// <summary>What the VMs of this host claim now, against the totals.</summary>
    public IReadOnlyList<LimitUsage> Usage => _registry.Snapshot();

    /// <summary>Raised when a total crosses 80% (again after falling to 50%).</summary>
    public event Action<LimitWarning>? Warning
    {
        add => _registry.Warning += value;
        remove => _registry.Warning -= value;
    }

    /// <summary>Claims what a VM with <paramref name="limits"/> may use; dispose the result to give it back.</summary>
    internal IDisposable Claim(EffectiveLimits limits)
    {
        var memory = limits.MaxMemoryBytes + limits.MaxFilesystemBytes;
        if (_memory is not null && !_memory.TryReserve(memory))
        {
            throw new AgentOsHostCapacityException(MemoryConfigPath,
                $"cannot create the VM: it may use {memory} bytes (limits.resources.maxMemoryBytes + maxFilesystemBytes) but only {_memory.Capacity - _memory.Current} of {MemoryConfigPath} = {_memory.Capacity} are left");
        }

        var cpu = (long)Math.Ceiling(limits.MaxCpuCores * MilliCores);
        if (_cpu is not null && !_cpu.TryReserve(cpu))
        {
            _memory?.Release(memory);
            throw new AgentOsHostCapacityException(CpuConfigPath,
                $"cannot create the VM: it may use {limits.MaxCpuCores} cores (limits.resources.maxCpuCores) but only {(_cpu.Capacity - _cpu.Current) / (double)MilliCores} of {CpuConfigPath} = {_cpu.Capacity / (double)MilliCores} are left");
        }

        return new HostClaim(_memory, _cpu is null ? 0 : cpu, _memory is null ? 0 : memory, _cpu);
    }
}
