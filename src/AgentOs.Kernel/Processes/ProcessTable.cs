using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Threading;

namespace AgentOs.Kernel.Processes;

/// <summary>
/// The process table of one VM (spec §3.1): pid allocation, parent/child links, groups and sessions, exit, zombies
/// and reaping, wait, and signal delivery with the kernel-owned default dispositions.
/// </summary>
/// <remarks>
/// <para>Locking: one lock, <c>_gate</c>, guards the table and every mutable field of its <see cref="Process"/>es; it
/// is also the monitor that waits (wait, <see cref="Process.WaitWhileStopped"/>, <see cref="TerminateAll"/>) block
/// on, and every state change pulses it. No other kernel lock is taken while it is held: token cancellation, fd
/// closing, gauge release and task completion are collected in <see cref="DeferredActions"/> and run after it is
/// released. Callers may hold other locks when calling in (KernelWait pulses cancelled waits from the thread pool).</para>
/// <para>Executor contract: the executor calls <see cref="Create"/>, runs the process on its own thread and calls
/// <see cref="Exit"/> when the image returns. A signal whose default action terminates calls <see cref="Exit"/>
/// itself, at once, from <see cref="Kill"/> (or from <see cref="SetSignalMask"/> when a pending one is unblocked)
/// and cancels <see cref="Process.Interrupted"/>; the thread checks <see cref="Process.IsTerminating"/> after each
/// kernel call and unwinds, and its own later <see cref="Exit"/> is a no-op (the first status wins).</para>
/// </remarks>
public sealed partial class ProcessTable
{
    private const uint DefaultUmask = 0x12; // 022

    private readonly object _gate = new();
    private readonly LimitGauge _processes;
    private readonly TimeProvider _time;

    // Guarded by _gate.
    private readonly Dictionary<int, Process> _table = [];
    private int _nextPid = 1;
    private long _exitSequence;
    private bool _shuttingDown;
    private int _blockedWaiters;

    // Guarded by _gate: bumped at every wake-up of the table's waiters, so a parked poller can tell it missed one;
    // and the task host code awaits for the next change.
    private long _changes;
    private TaskCompletionSource? _changed;

    /// <summary>Creates an empty table charging <paramref name="processes"/> (<c>vm_processes</c>) per entry.</summary>
    public ProcessTable(LimitGauge processes, TimeProvider time)
    {
        _processes = processes;
        _time = time;
    }

    /// <summary>Entries in the table, running, stopped and zombie.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _table.Count;
            }
        }
    }

    /// <summary>The next pid candidate; lets tests exercise the wrap at int.MaxValue.</summary>
    internal int NextPid
    {
        get
        {
            lock (_gate)
            {
                return _nextPid;
            }
        }

        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            lock (_gate)
            {
                _nextPid = value;
            }
        }
    }

    /// <summary>
    /// Creates a process. <paramref name="fds"/> is the child's ready descriptor table (the caller clones the parent's
    /// minus FD_CLOEXEC and applies the spawn file actions first); on success the table owns it and closes it at exit,
    /// on failure the caller must close it (<see cref="FdTable.CloseAll"/>). One <c>vm_processes</c> unit is reserved
    /// before anything else: a full table fails with EAGAIN and creates nothing. Zombies hold their unit until reaped.
    /// </summary>
    /// <returns>EAGAIN (cap reached, no free pid, or the VM is shutting down), EINTR (the parent is exiting), EPERM/EINVAL
    /// (<see cref="ProcessGroupMode.JoinGroup"/> with no such group in the parent's session / a non-positive pgid).</returns>
    public Errno Create(Process? parent, FdTable fds, ProcessStart start, out Process child)
    {
        child = null!;
        if (parent is null && start.Credentials is null)
        {
            throw new ArgumentException("A process without a parent needs credentials.", nameof(start));
        }

        if (start.WorkingDirectory is { } cwd && !cwd.StartsWith('/'))
        {
            throw new ArgumentException("The working directory must be absolute.", nameof(start));
        }

        if (!_processes.TryReserve())
        {
            return Errno.EAGAIN;
        }

        var error = CreateLocked(parent, fds, start, out child);
        if (error != Errno.Success)
        {
            _processes.Release();
        }

        return error;
    }

    /// <summary>
    /// Ends <paramref name="process"/> with <paramref name="status"/>: zombie state, every fd closed, children re-parented
    /// to init (pid 1) if it is alive, else to 0; its zombie children and itself (when its parent is the host) are reaped;
    /// the parent gets SIGCHLD and its waiters wake. Idempotent: the first status wins.
    /// </summary>
    public void Exit(Process process, ExitStatus status)
    {
        var deferred = new DeferredActions();
        lock (_gate)
        {
            ExitLocked(process, status, deferred);
        }

        deferred.Run(_processes);
    }

    /// <summary>
    /// Undoes a <see cref="Create"/> whose image never started (the executor refused it): the entry disappears
    /// with no zombie, no SIGCHLD and no wait event, as if the spawn had failed before creating anything.
    /// </summary>
    public void Abandon(Process process)
    {
        var deferred = new DeferredActions();
        lock (_gate)
        {
            if (_table.GetValueOrDefault(process.Pid) != process || process.State == ProcessState.Zombie)
            {
                return;
            }

            process.State = ProcessState.Zombie;
            process.ExitStatus = ExitStatus.Exited(127);
            process.ExitTime = _time.GetUtcNow();
            deferred.Exited(process);
            RemoveLocked(process, deferred);
        }

        deferred.Run(_processes);
    }

    /// <summary>Replaces the image description after a successful exec (pid, fds and signal state stay).</summary>
    public void CommitExec(Process process, string command, IReadOnlyList<string> arguments, IReadOnlyList<string> environment)
    {
        lock (_gate)
        {
            process.Command = command;
            process.Arguments = arguments;
            process.Environment = environment;
        }
    }

    /// <summary>The entry with <paramref name="pid"/> (running, stopped or zombie), or null.</summary>
    public Process? Get(int pid)
    {
        lock (_gate)
        {
            return _table.GetValueOrDefault(pid);
        }
    }

    /// <summary>Every entry, by pid.</summary>
    public IReadOnlyList<ProcessInfo> Snapshot()
    {
        var list = new List<ProcessInfo>();
        lock (_gate)
        {
            foreach (var p in _table.Values)
            {
                list.Add(new ProcessInfo(p.Pid, p.ParentPid, p.Pgid, p.Sid, p.State, p.Command, p.Arguments,
                    p.Credentials.Uid, p.StartTime, p.ExitTime, p.ExitStatus) { CpuTime = p.CpuTime });
            }
        }

        list.Sort(static (a, b) => a.Pid.CompareTo(b.Pid));
        return list;
    }

    /// <summary>
    /// VM dispose: refuses new processes, sends SIGTERM to every live process, waits up to <paramref name="grace"/> for
    /// those that block or ignore it to exit, then SIGKILLs the rest. Returns with no live process left.
    /// </summary>
    public void TerminateAll(TimeSpan grace)
    {
        SignalAllLive(Signals.SIGTERM, markShutdown: true);
        lock (_gate)
        {
            var context = new WaitContext(CancellationToken.None, (int)Math.Clamp(grace.TotalMilliseconds, 0, int.MaxValue));
            var deadline = context.DeadlineFromNow();
            while (AnyLiveLocked())
            {
                if (KernelWait.Wait(_gate, context, deadline) != Errno.Success)
                {
                    break;
                }
            }
        }

        SignalAllLive(Signals.SIGKILL, markShutdown: false);
    }

    private Errno CreateLocked(Process? parent, FdTable fds, ProcessStart start, out Process child)
    {
        child = null!;
        lock (_gate)
        {
            if (_shuttingDown)
            {
                return Errno.EAGAIN;
            }

            if (parent is not null && parent.State == ProcessState.Zombie)
            {
                return Errno.EINTR;
            }

            if (!TryAllocatePidLocked(out var pid))
            {
                return Errno.EAGAIN;
            }

            int pgid, sid;
            if (parent is null)
            {
                pgid = sid = pid;
            }
            else
            {
                sid = parent.Sid;
                switch (start.GroupMode)
                {
                    case ProcessGroupMode.NewGroup:
                        pgid = pid;
                        break;
                    case ProcessGroupMode.JoinGroup:
                        if (start.Pgid <= 0)
                        {
                            return Errno.EINVAL;
                        }

                        if (!GroupExistsLocked(start.Pgid, sid))
                        {
                            return Errno.EPERM;
                        }

                        pgid = start.Pgid;
                        break;
                    case ProcessGroupMode.NewSession:
                        pgid = sid = pid;
                        break;
                    default:
                        pgid = parent.Pgid;
                        break;
                }
            }

            var ignored = ((parent?.IgnoredSignals ?? 0) | start.IgnoredSignals) & ~start.ResetToDefault & ~Signals.Unblockable;
            child = new Process(_gate, pid, parent?.Pid ?? 0, pgid, sid, fds, start,
                start.WorkingDirectory ?? parent?.WorkingDirectory ?? "/",
                (start.Umask ?? parent?.Umask ?? DefaultUmask) & 0x1ff,
                start.Credentials ?? parent!.Credentials,
                _time.GetUtcNow())
            {
                BlockedSignals = (start.BlockedSignals ?? parent?.BlockedSignals ?? 0) & ~Signals.Unblockable,
                IgnoredSignals = ignored,
            };
            _table.Add(pid, child);
            return Errno.Success;
        }
    }

    // Sequential from the last pid, wrapping at int.MaxValue to 1 and skipping pids still in the table.
    private bool TryAllocatePidLocked(out int pid)
    {
        for (var tries = 0; tries <= _table.Count; tries++)
        {
            pid = _nextPid;
            _nextPid = pid == int.MaxValue ? 1 : pid + 1;
            if (!_table.ContainsKey(pid))
            {
                return true;
            }
        }

        pid = 0;
        return false;
    }

    private void ExitLocked(Process process, ExitStatus status, DeferredActions deferred)
    {
        if (process.State == ProcessState.Zombie || _table.GetValueOrDefault(process.Pid) != process)
        {
            return;
        }

        process.State = ProcessState.Zombie;
        process.ExitStatus = status;
        process.ExitTime = _time.GetUtcNow();
        process.ExitSequence = ++_exitSequence;
        process.PendingEvent = WaitEventKind.None;
        process.PendingSignals = 0;
        deferred.Exited(process);

        // Children: zombies are reaped (nobody will wait for them), live ones go to init or to the host.
        var newParent = _table.TryGetValue(1, out var init) && init.State != ProcessState.Zombie ? 1 : 0;
        var childGroups = new List<int>();
        foreach (var child in ChildrenLocked(process.Pid))
        {
            if (child.State == ProcessState.Zombie)
            {
                RemoveLocked(child, deferred);
            }
            else
            {
                child.ParentPid = newParent;
                childGroups.Add(child.Pgid);
            }
        }

        if (process.ParentPid != 0 && _table.TryGetValue(process.ParentPid, out var parent) && parent.State != ProcessState.Zombie)
        {
            DeliverLocked(parent, Signals.SIGCHLD, deferred);
        }
        else
        {
            RemoveLocked(process, deferred);
        }

        HangUpOrphanedGroupsLocked(process, childGroups, deferred);
        ChangedLocked();
    }

    // POSIX exit(): a group orphaned by this exit that has a stopped member gets SIGHUP then SIGCONT.
    private void HangUpOrphanedGroupsLocked(Process exited, List<int> childGroups, DeferredActions deferred)
    {
        childGroups.Add(exited.Pgid);
        foreach (var pgid in childGroups.Distinct().ToList())
        {
            var members = _table.Values.Where(p => p.Pgid == pgid && p.State != ProcessState.Zombie).ToList();
            if (!members.Exists(static p => p.State == ProcessState.Stopped) || !IsOrphanedLocked(members, pgid))
            {
                continue;
            }

            foreach (var member in members)
            {
                DeliverLocked(member, Signals.SIGHUP, deferred);
                DeliverLocked(member, Signals.SIGCONT, deferred);
            }
        }
    }

    // A group is orphaned when no member's parent is in another group of the same session.
    private bool IsOrphanedLocked(List<Process> members, int pgid)
    {
        foreach (var member in members)
        {
            if (_table.TryGetValue(member.ParentPid, out var parent) && parent.State != ProcessState.Zombie &&
                parent.Pgid != pgid && parent.Sid == member.Sid)
            {
                return false;
            }
        }

        return true;
    }

    private void RemoveLocked(Process process, DeferredActions deferred)
    {
        if (_table.Remove(process.Pid))
        {
            deferred.Reaped();
        }
    }

    private List<Process> ChildrenLocked(int pid) => _table.Values.Where(p => p.ParentPid == pid).ToList();

    private bool GroupExistsLocked(int pgid, int sid) => _table.Values.Any(p => p.Pgid == pgid && p.Sid == sid);

    private bool AnyLiveLocked() => _table.Values.Any(static p => p.State != ProcessState.Zombie);

    /// <summary>Completes at the next process state change (an exit, stop or continue); for host code waiting for room.</summary>
    public Task WhenChanged()
    {
        lock (_gate)
        {
            return (_changed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
    }

    // A process changed state: wake kernel waiters and host code awaiting WhenChanged.
    private void ChangedLocked()
    {
        _changes++;
        KernelWait.WakeAll(_gate);
        if (_changed is { } changed)
        {
            _changed = null;
            changed.TrySetResult();
        }
    }

    private int SignalAllLive(int signal, bool markShutdown)
    {
        var deferred = new DeferredActions();
        var count = 0;
        lock (_gate)
        {
            _shuttingDown |= markShutdown;
            foreach (var process in _table.Values.Where(static p => p.State != ProcessState.Zombie).ToList())
            {
                DeliverLocked(process, signal, deferred);
                count++;
            }
        }

        deferred.Run(_processes);
        return count;
    }
}
