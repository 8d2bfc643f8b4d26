using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AgentOs.Kernel.Limits;

/// <summary>
/// The per-VM set of gauges: every cap and every internal bounded queue of one VM, and nothing shared with another
/// VM. Warnings are raised on the thread that crossed the threshold but never under a kernel lock (gauges are
/// lock-free), to subscribers of <see cref="Warning"/> and to the logger at Warning level.
/// </summary>
public sealed partial class LimitRegistry
{
    private readonly ConcurrentDictionary<string, LimitGauge> _gauges = new(StringComparer.Ordinal);
    private readonly ILogger _logger;

    /// <summary>Creates an empty registry for the VM named <paramref name="vmId"/>.</summary>
    public LimitRegistry(string vmId, ILogger? logger = null)
    {
        VmId = vmId;
        _logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    }

    /// <summary>The VM this registry belongs to.</summary>
    public string VmId { get; }

    /// <summary>Raised once per upward crossing of 80% on any gauge. Handlers must be cheap and must not block.</summary>
    public event Action<LimitWarning>? Warning;

    /// <summary>All gauges, in registration order is not guaranteed; use <see cref="Snapshot"/> for a sorted view.</summary>
    public IEnumerable<LimitGauge> Gauges
    {
        get
        {
            // Enumerated, not Values: Values takes every lock and its first use builds the collections' EventSource.
            foreach (var (_, gauge) in _gauges)
            {
                yield return gauge;
            }
        }
    }

    /// <summary>Registers a gauge. Names are unique within a VM.</summary>
    public LimitGauge Register(string name, LimitCategory category, long capacity, string configPath)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        var gauge = new LimitGauge(this, name, category, capacity, configPath);
        if (!_gauges.TryAdd(name, gauge))
        {
            throw new InvalidOperationException($"Limit gauge {name} is already registered.");
        }

        return gauge;
    }

    /// <summary>Removes a gauge whose owner is gone (e.g. a per-session queue).</summary>
    public void Unregister(LimitGauge gauge) => _gauges.TryRemove(new KeyValuePair<string, LimitGauge>(gauge.Name, gauge));

    /// <summary>Looks up a gauge by name.</summary>
    public LimitGauge? Find(string name) => _gauges.GetValueOrDefault(name);

    /// <summary>Every gauge's current reading, sorted by name.</summary>
    public IReadOnlyList<LimitUsage> Snapshot()
    {
        var list = Gauges.Select(g => g.Snapshot()).ToList();
        list.Sort((a, b) => string.CompareOrdinal(a.Limit, b.Limit));
        return list;
    }

    /// <summary>Whether <see cref="LogUsageSnapshot"/> writes anything (Debug logging is on).</summary>
    public bool LogsUsage => _logger.IsEnabled(LogLevel.Debug);

    /// <summary>Logs one "limit usage" line per gauge at Debug level (no-op unless Debug is enabled).</summary>
    public void LogUsageSnapshot()
    {
        if (!LogsUsage)
        {
            return;
        }

        foreach (var usage in Snapshot())
        {
            LogUsage(_logger, VmId, usage.Limit, CategoryTag(usage.Category), usage.Current, usage.HighWater, usage.Capacity, usage.FillPercent);
        }
    }

    /// <summary>The lowercase tag of a category as used in logs and events.</summary>
    public static string CategoryTag(LimitCategory category) => category switch
    {
        LimitCategory.Resource => "resource",
        LimitCategory.Queue => "queue",
        LimitCategory.Memory => "memory",
        LimitCategory.Cpu => "cpu",
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };

    internal void RaiseWarning(LimitWarning warning)
    {
        if (_logger.IsEnabled(LogLevel.Warning))
        {
            LogNearCapacity(_logger, warning.Limit, CategoryTag(warning.Category), warning.Observed, warning.Capacity, warning.FillPercent, VmId, warning.ConfigPath);
        }

        var handlers = Warning;
        if (handlers is null)
        {
            return;
        }

        // One faulty subscriber must not stop the others or fail the kernel call that crossed the threshold.
        foreach (var handler in handlers.GetInvocationList().Cast<Action<LimitWarning>>())
        {
            try
            {
                handler(warning);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogHandlerFailed(_logger, ex, warning.Limit);
            }
        }
    }

    internal void LogRearmed(LimitGauge gauge, long observed, int fill)
    {
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            LogDrained(_logger, gauge.Name, CategoryTag(gauge.Category), observed, gauge.Capacity, fill, VmId);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "bounded limit near capacity limit={Limit} category={Category} observed={Observed} capacity={Capacity} fill_percent={FillPercent} vm={VmId} config={ConfigPath}")]
    private static partial void LogNearCapacity(ILogger logger, string limit, string category, long observed, long capacity, int fillPercent, string vmId, string configPath);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug,
        Message = "bounded limit drained back below threshold limit={Limit} category={Category} observed={Observed} capacity={Capacity} fill_percent={FillPercent} vm={VmId}")]
    private static partial void LogDrained(ILogger logger, string limit, string category, long observed, long capacity, int fillPercent, string vmId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug,
        Message = "limit usage vm={VmId} limit={Limit} category={Category} depth={Depth} high_water={HighWater} capacity={Capacity} fill_percent={FillPercent}")]
    private static partial void LogUsage(ILogger logger, string vmId, string limit, string category, long depth, long highWater, long capacity, int fillPercent);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "limit warning subscriber failed for {Limit}")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string limit);
}
