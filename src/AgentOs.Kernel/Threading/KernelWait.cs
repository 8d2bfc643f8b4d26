namespace AgentOs.Kernel.Threading;

/// <summary>
/// The one blocking primitive of the kernel: wait on a monitor until pulsed, cancelled or past a deadline.
/// Callers hold <c>gate</c>, loop on their condition and call <see cref="Wait"/>; state changes call
/// <see cref="Monitor.PulseAll(object)"/> on the same gate. Cancellation pulses the gate from the thread pool, so a
/// kill issued while the killer holds another kernel lock cannot deadlock against the gate.
/// </summary>
public static class KernelWait
{
    [ThreadStatic]
    private static Action? t_beforeBlocking;

    /// <summary>
    /// Set by the executor on each guest thread: runs just before that thread blocks in the kernel (it gives up its
    /// VM run slot, <see cref="Sched.RunSlots"/>). Must not block or take kernel locks.
    /// </summary>
    public static Action? BeforeBlocking
    {
        get => t_beforeBlocking;
        set => t_beforeBlocking = value;
    }

    /// <summary>Tells the calling guest thread's executor that it is about to block (see <see cref="BeforeBlocking"/>).</summary>
    public static void WillBlock() => t_beforeBlocking?.Invoke();

    /// <summary>
    /// Waits once. Returns <see cref="Errno.Success"/> when pulsed (re-check the condition),
    /// <see cref="Errno.EINTR"/> when cancelled, <see cref="Errno.ETIMEDOUT"/> past <paramref name="deadline"/>.
    /// </summary>
    /// <param name="gate">The monitor the caller holds.</param>
    /// <param name="context">Cancellation of the wait.</param>
    /// <param name="deadline">From <see cref="WaitContext.DeadlineFromNow"/>, computed once before the loop.</param>
    public static Errno Wait(object gate, in WaitContext context, long deadline)
    {
        var token = context.Cancellation;
        if (token.IsCancellationRequested)
        {
            return Errno.EINTR;
        }

        var remaining = deadline == long.MaxValue ? Timeout.Infinite : deadline - Environment.TickCount64;
        if (remaining != Timeout.Infinite && remaining <= 0)
        {
            return Errno.ETIMEDOUT;
        }

        WillBlock();
        using (token.CanBeCanceled ? token.UnsafeRegister(PulseLater, gate) : default)
        {
            Monitor.Wait(gate, remaining == Timeout.Infinite ? Timeout.Infinite : (int)Math.Min(remaining, int.MaxValue));
        }

        if (token.IsCancellationRequested)
        {
            return Errno.EINTR;
        }

        return deadline != long.MaxValue && Environment.TickCount64 >= deadline ? Errno.ETIMEDOUT : Errno.Success;
    }

    /// <summary>Wakes every waiter of <paramref name="gate"/>; the caller must hold it.</summary>
    public static void WakeAll(object gate) => Monitor.PulseAll(gate);

    private static void PulseLater(object? gate) =>
        ThreadPool.UnsafeQueueUserWorkItem(
            static g =>
            {
                lock (g)
                {
                    Monitor.PulseAll(g);
                }
            },
            gate!,
            preferLocal: false);
}
