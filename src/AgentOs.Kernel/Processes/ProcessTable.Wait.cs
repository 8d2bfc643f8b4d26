using AgentOs.Kernel.Threading;

namespace AgentOs.Kernel.Processes;

/// <summary>waitpid(2).</summary>
public sealed partial class ProcessTable
{
    /// <summary>
    /// waitpid(2) for <paramref name="caller"/>'s children selected by <paramref name="selector"/> (&gt; 0 that pid, −1 any,
    /// 0 the caller's group, &lt; −1 the group −selector). An exited child is reaped (its entry and <c>vm_processes</c>
    /// unit freed); stop/continue events are reported once with <see cref="WaitOptions.Untraced"/>/<see cref="WaitOptions.Continued"/>.
    /// Blocks through <see cref="KernelWait"/> without holding up other processes.
    /// </summary>
    /// <returns>ECHILD when no child matches; EINVAL for unknown options; EINTR when the caller has exited (killed) or
    /// <paramref name="wait"/> is cancelled; ETIMEDOUT past its deadline;
    /// with <see cref="WaitOptions.NoHang"/> and nothing ready, success with <see cref="WaitResult.Pid"/> 0.</returns>
    public Errno Wait(Process caller, int selector, WaitOptions options, in WaitContext wait, out WaitResult result)
    {
        result = default;
        if ((options & ~(WaitOptions.NoHang | WaitOptions.Untraced | WaitOptions.Continued)) != 0)
        {
            return Errno.EINVAL;
        }

        if (selector == int.MinValue)
        {
            return Errno.ESRCH;
        }

        lock (_gate)
        {
            var deadline = wait.DeadlineFromNow();
            while (true)
            {
                // Killed while waiting: its children were just re-parented, so report the kill, not ECHILD.
                if (caller.State == ProcessState.Zombie)
                {
                    return Errno.EINTR;
                }

                if (!TryCollectLocked(caller, selector, options, out result))
                {
                    return Errno.ECHILD;
                }

                if (result.Pid != 0)
                {
                    break;
                }

                if ((options & WaitOptions.NoHang) != 0)
                {
                    caller.PollSequence = _changes;
                    break;
                }

                _blockedWaiters++;
                var error = KernelWait.Wait(_gate, wait, deadline);
                _blockedWaiters--;
                if (error != Errno.Success)
                {
                    return error;
                }
            }
        }

        if (result.Kind == WaitEventKind.Exited)
        {
            _processes.Release();
        }

        return Errno.Success;
    }

    /// <summary>
    /// Parks a process whose WNOHANG poll just came back empty for up to <paramref name="milliseconds"/>, returning
    /// at once if any process changed state since that poll (so nothing it polls for is delayed), when a later
    /// change happens, or when the process is killed. The caller then reports the empty poll as usual.
    /// </summary>
    internal void ParkPoller(Process caller, int milliseconds)
    {
        lock (_gate)
        {
            if (caller.PollSequence != _changes)
            {
                return;
            }

            var wait = new WaitContext(caller.Interrupted, milliseconds);
            KernelWait.Wait(_gate, wait, wait.DeadlineFromNow());
        }
    }

    /// <summary>Threads blocked in <see cref="Wait"/> right now (lets tests wait for a waiter to block).</summary>
    internal int BlockedWaiters
    {
        get
        {
            lock (_gate)
            {
                return _blockedWaiters;
            }
        }
    }

    // False when no child matches. Otherwise result is the event collected, or Pid 0 when none is ready.
    private bool TryCollectLocked(Process caller, int selector, WaitOptions options, out WaitResult result)
    {
        result = default;
        var matched = false;
        Process? zombie = null;
        Process? evented = null;
        foreach (var child in _table.Values)
        {
            if (child.ParentPid != caller.Pid || !Matches(caller, selector, child))
            {
                continue;
            }

            matched = true;
            if (child.State == ProcessState.Zombie)
            {
                if (zombie is null || child.ExitSequence < zombie.ExitSequence)
                {
                    zombie = child;
                }
            }
            else if (Reportable(child.PendingEvent, options) && (evented is null || child.Pid < evented.Pid))
            {
                evented = child;
            }
        }

        if (zombie is not null)
        {
            _table.Remove(zombie.Pid);
            result = new WaitResult(zombie.Pid, WaitEventKind.Exited, zombie.ExitStatus!.Value, 0);
        }
        else if (evented is not null)
        {
            result = new WaitResult(evented.Pid, evented.PendingEvent, default, evented.PendingEvent == WaitEventKind.Stopped ? evented.StopSignal : 0);
            evented.PendingEvent = WaitEventKind.None;
        }

        return matched;
    }

    private static bool Matches(Process caller, int selector, Process child) => selector switch
    {
        > 0 => child.Pid == selector,
        -1 => true,
        0 => child.Pgid == caller.Pgid,
        _ => child.Pgid == -selector,
    };

    private static bool Reportable(WaitEventKind pending, WaitOptions options) => pending switch
    {
        WaitEventKind.Stopped => (options & WaitOptions.Untraced) != 0,
        WaitEventKind.Continued => (options & WaitOptions.Continued) != 0,
        _ => false,
    };
}
