namespace AgentOs.Kernel.Limits;

/// <summary>
/// One bounded quantity of a VM: a resource cap or an internal queue. Usage changes only through
/// <see cref="TryReserve"/>/<see cref="Release"/> (caps) or <see cref="Enqueued"/>/<see cref="Dequeued"/> (queues, whose
/// producers wait instead of failing). Lock-free: a compare-and-swap on the counter, and the warning edge is an
/// atomic flag, so crossing 80% raises exactly one warning even under contention.
/// </summary>
public sealed class LimitGauge
{
    /// <summary>Fill percentage at or above which one warning is raised.</summary>
    public const int WarnFillPercent = 80;

    /// <summary>Fill percentage at or below which the warning re-arms.</summary>
    public const int RearmFillPercent = 50;

    private readonly LimitRegistry _registry;
    private long _current;
    private long _highWater;
    private int _warned;

    internal LimitGauge(LimitRegistry registry, string name, LimitCategory category, long capacity, string configPath)
    {
        _registry = registry;
        Name = name;
        Category = category;
        Capacity = capacity;
        ConfigPath = configPath;
    }

    /// <summary>The stable snake_case name, e.g. <c>vm_open_fds</c>.</summary>
    public string Name { get; }

    /// <summary>The gauge category.</summary>
    public LimitCategory Category { get; }

    /// <summary>The cap; immutable for the life of the VM.</summary>
    public long Capacity { get; }

    /// <summary>The configuration path that sets the cap, e.g. <c>limits.resources.maxOpenFds</c>.</summary>
    public string ConfigPath { get; }

    /// <summary>Current usage.</summary>
    public long Current => Volatile.Read(ref _current);

    /// <summary>Highest usage seen.</summary>
    public long HighWater => Volatile.Read(ref _highWater);

    /// <summary>Room left before the cap.</summary>
    public long Available => Math.Max(0, Capacity - Current);

    /// <summary>
    /// Takes <paramref name="amount"/> units if they fit under the cap. Returns false, changing nothing, when they
    /// do not: the caller then fails with the errno its subsystem owes (EAGAIN, EMFILE, ENOSPC…).
    /// </summary>
    public bool TryReserve(long amount = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        long current, next;
        do
        {
            current = Volatile.Read(ref _current);
            next = current + amount;
            if (next > Capacity || next < current)
            {
                return false;
            }
        }
        while (Interlocked.CompareExchange(ref _current, next, current) != current);

        Observe(next);
        return true;
    }

    /// <summary>Returns <paramref name="amount"/> units taken by <see cref="TryReserve"/>.</summary>
    public void Release(long amount = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        var next = Interlocked.Add(ref _current, -amount);
        if (next < 0)
        {
            throw new InvalidOperationException($"Limit gauge {Name} released more than it reserved ({next}).");
        }

        Observe(next);
    }

    /// <summary>Records items entering a bounded queue (its producer has already waited for room).</summary>
    public void Enqueued(long amount = 1) => Observe(Interlocked.Add(ref _current, amount));

    /// <summary>Records items leaving a bounded queue; saturates at zero.</summary>
    public void Dequeued(long amount = 1)
    {
        long current, next;
        do
        {
            current = Volatile.Read(ref _current);
            next = Math.Max(0, current - amount);
        }
        while (Interlocked.CompareExchange(ref _current, next, current) != current);

        Observe(next);
    }

    /// <summary>Sets the depth of a queue that reports its own length.</summary>
    public void ObserveDepth(long depth)
    {
        Volatile.Write(ref _current, depth);
        Observe(depth);
    }

    /// <summary>A snapshot of this gauge.</summary>
    public LimitUsage Snapshot() => new(Name, Category, Current, HighWater, Capacity, ConfigPath);

    /// <inheritdoc/>
    public override string ToString() => $"{Name} {Current}/{Capacity}";

    private int FillPercent(long value) => Capacity <= 0 ? 0 : (int)Math.Min(int.MaxValue, value * 100 / Capacity);

    private void Observe(long value)
    {
        long high;
        while (value > (high = Volatile.Read(ref _highWater)))
        {
            if (Interlocked.CompareExchange(ref _highWater, value, high) == high)
            {
                break;
            }
        }

        var fill = FillPercent(value);
        if (fill >= WarnFillPercent)
        {
            if (Interlocked.CompareExchange(ref _warned, 1, 0) == 0)
            {
                _registry.RaiseWarning(new LimitWarning(Name, Category, value, Capacity, fill, ConfigPath));
            }
        }
        else if (fill <= RearmFillPercent && Interlocked.CompareExchange(ref _warned, 0, 1) == 1)
        {
            _registry.LogRearmed(this, value, fill);
        }
    }
}
