namespace AgentOs.Kernel.Threading;

/// <summary>
/// How long and under which cancellation a blocking kernel operation may wait. Guest calls pass their process's
/// kill token and the VM's <c>maxBlockingReadMs</c>; host calls usually pass their own token and no deadline.
/// </summary>
public readonly struct WaitContext
{
    // Stored as timeout + 1 so that default(WaitContext) means "no deadline", not "already expired".
    private readonly int _timeoutMsPlusOne;

    /// <summary>Creates a context that ends on <paramref name="cancellation"/> or after <paramref name="timeoutMs"/>
    /// (<see cref="Timeout.Infinite"/> for no deadline).</summary>
    public WaitContext(CancellationToken cancellation, int timeoutMs = Timeout.Infinite)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timeoutMs, Timeout.Infinite);
        Cancellation = cancellation;
        _timeoutMsPlusOne = timeoutMs + 1;
    }

    /// <summary>Waits without deadline or cancellation (host code that owns both ends).</summary>
    public static WaitContext Unbounded => default;

    /// <summary>Ends the wait with EINTR when cancelled (a signal or kill of the waiting process).</summary>
    public CancellationToken Cancellation { get; }

    /// <summary>Deadline in ms after which the wait ends with ETIMEDOUT; <see cref="Timeout.Infinite"/> for none.</summary>
    public int TimeoutMs => _timeoutMsPlusOne - 1;

    /// <summary>The absolute <see cref="Environment.TickCount64"/> deadline for a wait starting now.</summary>
    public long DeadlineFromNow() =>
        TimeoutMs == Timeout.Infinite ? long.MaxValue : Environment.TickCount64 + TimeoutMs;
}
