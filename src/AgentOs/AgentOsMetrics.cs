using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AgentOs.Kernel.Limits;

namespace AgentOs;

/// <summary>
/// The process-wide <see cref="Meter"/> <c>AgentOs</c>: observable gauges of every live VM's limits (usage, high-water
/// mark and capacity, tagged <c>vm.id</c>, <c>limit</c> and <c>category</c>) and a counter of near-limit warnings, so
/// <c>dotnet-counters</c>, OpenTelemetry and <see cref="MeterListener"/> see them.
/// </summary>
internal static class AgentOsMetrics
{
    public const string MeterName = "AgentOs";
    public const string UsageInstrument = "agentos.limit.usage";
    public const string HighWaterInstrument = "agentos.limit.high_water";
    public const string CapacityInstrument = "agentos.limit.capacity";
    public const string WarningsInstrument = "agentos.limit.warnings";

    public const string CpuTimeInstrument = "agentos.cpu.time";
    public const string CpuThrottledInstrument = "agentos.cpu.throttled";

    private static readonly ConcurrentDictionary<LimitRegistry, Kernel.Sched.CpuBudget> Registries = new();
    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Warnings = Meter.CreateCounter<long>(
        WarningsInstrument, "{warning}", "Near-limit warnings (a gauge crossing 80% of its capacity).");

#pragma warning disable IDE0052 // Observable instruments are kept alive by the meter; the fields document them.
    private static readonly ObservableGauge<long> Usage = Meter.CreateObservableGauge(
        UsageInstrument, () => Observe(static u => u.Current), "{unit}", "Current usage of a VM limit.");

    private static readonly ObservableGauge<long> HighWater = Meter.CreateObservableGauge(
        HighWaterInstrument, () => Observe(static u => u.HighWater), "{unit}", "Highest usage of a VM limit since the VM started.");

    private static readonly ObservableGauge<long> Capacity = Meter.CreateObservableGauge(
        CapacityInstrument, () => Observe(static u => u.Capacity), "{unit}", "Capacity of a VM limit.");

    private static readonly ObservableCounter<double> CpuTime = Meter.CreateObservableCounter(
        CpuTimeInstrument, () => ObserveCpu(static c => c.Used), "s", "CPU time used by a VM's guest processes.");

    private static readonly ObservableCounter<double> CpuThrottled = Meter.CreateObservableCounter(
        CpuThrottledInstrument, () => ObserveCpu(static c => c.Throttled), "s", "Time a VM's guest threads were parked for exceeding limits.resources.maxCpuCores.");
#pragma warning restore IDE0052

    /// <summary>Starts reporting <paramref name="registry"/>.</summary>
    public static void Track(LimitRegistry registry, Kernel.Sched.CpuBudget cpu) => Registries.TryAdd(registry, cpu);

    /// <summary>Stops reporting <paramref name="registry"/> (VM disposed).</summary>
    public static void Untrack(LimitRegistry registry) => Registries.TryRemove(registry, out _);

    /// <summary>Counts one warning.</summary>
    public static void RecordWarning(string vmId, LimitWarning warning) =>
        Warnings.Add(1, new("vm.id", vmId), new("limit", warning.Limit), new("category", LimitRegistry.CategoryTag(warning.Category)));

    private static IEnumerable<Measurement<double>> ObserveCpu(Func<Kernel.Sched.CpuBudget, TimeSpan> value)
    {
        foreach (var (registry, cpu) in Registries)
        {
            yield return new Measurement<double>(value(cpu).TotalSeconds, new KeyValuePair<string, object?>("vm.id", registry.VmId));
        }
    }

    private static IEnumerable<Measurement<long>> Observe(Func<LimitUsage, long> value)
    {
        foreach (var registry in Registries.Keys)
        {
            foreach (var usage in registry.Snapshot())
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
