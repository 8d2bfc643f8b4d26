namespace AgentOs.Kernel.Sched;

/// <summary>
/// A VM's virtual CPUs: how many of its guest threads may run guest code at the same moment
/// (⌈<c>limits.resources.maxCpuCores</c>⌉). A thread takes a slot at its first epoch tick of running code, gives it
/// up whenever it blocks in the kernel or is parked by the CPU share, and hands it on at a tick when others wait, in
/// arrival order. So a VM's CPU-bound threads share its cores among themselves, while the host's other cores stay
/// free for sibling VMs; threads that mostly wait (shells, pipelines) run between their waits without queueing.
/// </summary>
public sealed class RunSlots
{
    private readonly Lock _gate = new();

    // Guarded by _gate: free slots and the threads waiting for one, first come first served.
    private readonly LinkedList<Waiter> _waiters = new();
    private int _free;

    /// <summary>Creates <paramref name="count"/> slots.</summary>
    public RunSlots(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        Count = count;
        _free = count;
    }

    /// <summary>The number of slots.</summary>
    public int Count { get; }

    /// <summary>Slots held right now.</summary>
    public int Held
    {
        get
        {
            lock (_gate)
            {
                return Count - _free;
            }
        }
    }

    /// <summary>Whether a thread is waiting for a slot.</summary>
    public bool HasWaiters
    {
        get
        {
            lock (_gate)
            {
                return _waiters.Count > 0;
            }
        }
    }

    /// <summary>
    /// Takes a slot, waiting behind earlier callers; false (holding nothing) when <paramref name="cancellation"/>
    /// fires first. Never call it while holding a kernel lock.
    /// </summary>
    public bool Acquire(CancellationToken cancellation)
    {
        Waiter waiter;
        lock (_gate)
        {
            if (_free > 0 && _waiters.Count == 0)
            {
                _free--;
                return true;
            }

            waiter = new Waiter();
            _waiters.AddLast(waiter.Node = new LinkedListNode<Waiter>(waiter));
        }

        using var disposing = waiter;
        using (cancellation.UnsafeRegister(static w => ((Waiter)w!).Signal.Set(), waiter))
        {
            waiter.Signal.Wait(CancellationToken.None); // the registration above ends the wait on cancellation
        }

        // Releasers signal under _gate, and the registration is gone: nothing touches the waiter after this.
        lock (_gate)
        {
            if (waiter.Granted)
            {
                if (!cancellation.IsCancellationRequested)
                {
                    return true;
                }

                // Granted and cancelled at once: pass the slot on.
                ReleaseLocked();
                return false;
            }

            _waiters.Remove(waiter.Node!);
            return false;
        }
    }

    /// <summary>Gives a slot back: to the longest waiter, if any.</summary>
    public void Release()
    {
        lock (_gate)
        {
            ReleaseLocked();
        }
    }

    private void ReleaseLocked()
    {
        if (_waiters.First is { } first)
        {
            _waiters.RemoveFirst();
            first.Value.Granted = true;
            first.Value.Signal.Set();
            return;
        }

        if (_free == Count)
        {
            throw new InvalidOperationException("A run slot was released more often than taken.");
        }

        _free++;
    }

    private sealed class Waiter : IDisposable
    {
        public ManualResetEventSlim Signal { get; } = new(false, spinCount: 0);

        public LinkedListNode<Waiter>? Node { get; set; }

        public bool Granted { get; set; }

        public void Dispose() => Signal.Dispose();
    }
}
