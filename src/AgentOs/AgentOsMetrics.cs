using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using AgentOs.Kernel.Limits;

namespace AgentOs;

/// <summary>
/// The <see cref="Meter"/> <c>AgentOs</c>: observable gauges of every live VM's limits (usage, high-water mark and
/// capacity, tagged <c>vm.id</c>, <c>limit</c> and <c>category</c>), CPU counters and a counter of near-limit
/// warnings, so <c>dotnet-counters</c>, OpenTelemetry and <see cref="MeterListener"/> see them. Units follow
/// OpenTelemetry: byte-valued limits are reported by the <c>agentos.limit.bytes.*</c> instruments in <c>By</c>, the
/// others (processes, descriptors, sockets…) by <c>agentos.limit.*</c> in <c>{item}</c>. One instance per
/// <see cref="IMeterFactory"/> (the DI container's), and a process-wide one for VMs created without.
/// </summary>
internal sealed class AgentOsMetrics
{
    public const string MeterName = "AgentOs";
    public const string UsageInstrument = "agentos.limit.usage";
    public const string HighWaterInstrument = "agentos.limit.high_water";
    public const string CapacityInstrument = "agentos.limit.capacity";
    public const string BytesUsageInstrument = "agentos.limit.bytes.usage";
    public const string BytesHighWaterInstrument = "agentos.limit.bytes.high_water";
    public const string BytesCapacityInstrument = "agentos.limit.bytes.capacity";
    public const string WarningsInstrument = "agentos.limit.warnings";
    public const string CpuTimeInstrument = "agentos.cpu.time";
    public const string CpuThrottledInstrument = "agentos.cpu.throttled";

    private static readonly Lazy<AgentOsMetrics> Shared = new(() => new AgentOsMetrics(new Meter(MeterName)));
    private static readonly ConditionalWeakTable<IMeterFactory, AgentOsMetrics> PerFactory = [];

    private readonly ConcurrentDictionary<LimitRegistry, Kernel.Sched.CpuBudget> _registries = new();
    private readonly Counter<long> _warnings;

    private AgentOsMetrics(Meter meter)
    {
        _warnings = meter.CreateCounter<long>(WarningsInstrument, "{warning}", "Near-limit warnings (a gauge crossing 80% of its capacity).");
        meter.CreateObservableGauge(UsageInstrument, () => Observe(static u => u.Current, bytes: false), "{item}", "Current usage of a VM limit that counts items (processes, descriptors, sockets…).");
        meter.CreateObservableGauge(HighWaterInstrument, () => Observe(static u => u.HighWater, bytes: false), "{item}", "Highest usage of a VM limit that counts items since the VM started.");
        meter.CreateObservableGauge(CapacityInstrument, () => Observe(static u => u.Capacity, bytes: false), "{item}", "Capacity of a VM limit that counts items.");
        meter.CreateObservableGauge(BytesUsageInstrument, () => Observe(static u => u.Current, bytes: true), "By", "Current usage of a byte-valued VM limit (memory, filesystem, buffers).");
        meter.CreateObservableGauge(BytesHighWaterInstrument, () => Observe(static u => u.HighWater, bytes: true), "By", "Highest usage of a byte-valued VM limit since the VM started.");
        meter.CreateObservableGauge(BytesCapacityInstrument, () => Observe(static u => u.Capacity, bytes: true), "By", "Capacity of a byte-valued VM limit.");
        meter.CreateObservableCounter(CpuTimeInstrument, () => ObserveCpu(static c => c.Used), "s", "CPU time used by a VM's guest processes.");
        meter.CreateObservableCounter(CpuThrottledInstrument, () => ObserveCpu(static c => c.Throttled), "s", "Time a VM's guest threads were parked for exceeding limits.resources.maxCpuCores.");
    }

    /// <summary>The instruments of <paramref name="factory"/>'s <c>AgentOs</c> meter, or the process-wide ones.</summary>
    public static AgentOsMetrics For(IMeterFactory? factory) => factory is null
        ? Shared.Value
        : PerFactory.GetValue(factory, static f => new AgentOsMetrics(f.Create(MeterName)));

    /// <summary>Whether a limit is reported in bytes (its gauge name ends in <c>_bytes</c>).</summary>
    public static bool IsBytes(string limit) => limit.EndsWith("_bytes", StringComparison.Ordinal);

    /// <summary>Starts reporting <paramref name="registry"/>.</summary>
    public void Track(LimitRegistry registry, Kernel.Sched.CpuBudget cpu) => _registries.TryAdd(registry, cpu);

    /// <summary>Stops reporting <paramref name="registry"/> (VM disposed).</summary>
    public void Untrack(LimitRegistry registry) => _registries.TryRemove(registry, out _);

    /// <summary>Counts one warning.</summary>
    public void RecordWarning(string vmId, LimitWarning warning) =>
        _warnings.Add(1, new("vm.id", vmId), new("limit", warning.Limit), new("category", LimitRegistry.CategoryTag(warning.Category)));

    private IEnumerable<Measurement<double>> ObserveCpu(Func<Kernel.Sched.CpuBudget, TimeSpan> value)
    {
        foreach (var (registry, cpu) in _registries)
        {
            yield return new Measurement<double>(value(cpu).TotalSeconds, new KeyValuePair<string, object?>("vm.id", registry.VmId));
        }
    }

    private IEnumerable<Measurement<long>> Observe(Func<LimitUsage, long> value, bool bytes)
    {
        foreach (var (registry, _) in _registries)
        {
            foreach (var usage in registry.Snapshot())
            {
                if (IsBytes(usage.Limit) == bytes)
                {
                    yield return new Measurement<long>(
                        value(usage),
                        new("vm.id", registry.VmId),
                        new("limit", usage.Limit),
                        new("category", LimitRegistry.CategoryTag(usage.Category)));
                }
            }
        }
    }
}
