namespace AgentOs.Kernel.Threading;

/// <summary>
/// A monitor that counts the threads waiting on it, so that a state change pulses only when someone waits. Lock it
/// as the owner's gate (<c>lock (gate)</c>); <see cref="Wait"/> and <see cref="Wake"/> are the
/// <see cref="KernelWait"/> primitives on it.
/// </summary>
internal sealed class WaitGate
{
    private int _waiters;

    /// <summary>Threads waiting on this gate (tests, diagnostics); takes the gate.</summary>
    public int Waiters
    {
        get
        {
            lock (this)
            {
                return _waiters;
            }
        }
    }

    /// <summary>Wakes the waiters, if any; the caller holds the gate.</summary>
    public void Wake()
    {
        if (_waiters > 0)
        {
            KernelWait.WakeAll(this);
        }
    }

    /// <summary><see cref="KernelWait.Wait"/> on this gate, counted in <see cref="Waiters"/>; the caller holds it.</summary>
    public Errno Wait(in WaitContext wait, long deadline)
    {
        _waiters++;
        try
        {
            return KernelWait.Wait(this, wait, deadline);
        }
        finally
        {
            _waiters--;
        }
    }

    /// <summary>
    /// The blocking end of a wait loop whose condition failed: EAGAIN when <paramref name="nonBlocking"/>, else one
    /// <see cref="Wait"/> with <paramref name="deadline"/> computed on the first round. <see cref="Errno.Success"/>:
    /// re-check the condition; anything else ends the loop. The caller holds the gate.
    /// </summary>
    public Errno Block(bool nonBlocking, in WaitContext wait, ref long? deadline)
    {
        if (nonBlocking)
        {
            return Errno.EAGAIN;
        }

        deadline ??= wait.DeadlineFromNow();
        return Wait(wait, deadline.Value);
    }
}
