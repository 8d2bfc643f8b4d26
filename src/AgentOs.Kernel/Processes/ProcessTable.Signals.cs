namespace AgentOs.Kernel.Processes;

/// <summary>kill(2), sigprocmask(2) and delivery with the kernel-owned default actions (signal(7)).</summary>
public sealed partial class ProcessTable
{
    /// <summary>
    /// kill(2) from <paramref name="sender"/> (null = the host, which may signal anything). <paramref name="pid"/> &gt; 0
    /// one process, 0 the sender's group, −1 every process but init and the sender, &lt; −1 the group −pid.
    /// <paramref name="signal"/> 0 only probes existence and permission.
    /// </summary>
    /// <returns>EINVAL for a signal outside 0..64; ESRCH when nothing matches; EPERM when no match may be signalled
    /// (root, a matching real/effective uid, or SIGCONT within the session may).</returns>
    public Errno Kill(Process? sender, int pid, int signal)
    {
        if (signal is < 0 or > Signals.MaxSignal)
        {
            return Errno.EINVAL;
        }

        var deferred = new DeferredActions();
        Errno result;
        lock (_gate)
        {
            result = KillLocked(sender, pid, signal, deferred);
        }

        deferred.Run(_processes);
        return result;
    }

    /// <summary>
    /// Signals exactly the process group <paramref name="pgid"/> (killpg(3)). Unlike <see cref="Kill"/> with a negative
    /// pid, no value means "every process": the host signals a command's group by its leader's pid, and the VM's first
    /// process has pid 1, where <c>kill(-1)</c> would be the broadcast.
    /// </summary>
    /// <returns>EINVAL for a signal outside 0..64 or a pgid ≤ 0; ESRCH when the group has no member; EPERM as
    /// <see cref="Kill"/>.</returns>
    public Errno KillGroup(Process? sender, int pgid, int signal) => KillGroup(sender, pgid, signal, exceptPid: 0);

    /// <summary>As <see cref="KillGroup(Process?, int, int)"/>, sparing the member <paramref name="exceptPid"/> (0: none):
    /// a terminal's signal characters spare the interactive shell reading that terminal, which POSIX shells ignore.</summary>
    internal Errno KillGroup(Process? sender, int pgid, int signal, int exceptPid)
    {
        if (signal is < 0 or > Signals.MaxSignal || pgid <= 0)
        {
            return Errno.EINVAL;
        }

        var deferred = new DeferredActions();
        Errno result;
        lock (_gate)
        {
            result = SignalTargetsLocked(sender, _table.Values.Where(p => p.Pgid == pgid && p.Pid != exceptPid).ToList(), signal, deferred);
        }

        deferred.Run(_processes);
        return result;
    }

    /// <summary>Sends <paramref name="signal"/> to every live process of the VM (the host ending a run: a
    /// one-shot command's leftovers, a timeout). Returns how many were signalled.</summary>
    public int SignalAll(int signal) => SignalAllLive(signal, markShutdown: false);

    /// <summary>
    /// sigprocmask(2): changes <paramref name="process"/>'s blocked set and reports the previous one. SIGKILL and SIGSTOP
    /// are never blocked. Pending signals that become unblocked are acted on at once (a terminating one exits the process).
    /// </summary>
    public Errno SetSignalMask(Process process, SigMaskHow how, ulong set, out ulong old)
    {
        old = 0;
        if (how is < SigMaskHow.Block or > SigMaskHow.Query)
        {
            return Errno.EINVAL;
        }

        var deferred = new DeferredActions();
        lock (_gate)
        {
            old = process.BlockedSignals;
            set &= ~Signals.Unblockable;
            process.BlockedSignals = how switch
            {
                SigMaskHow.Block => old | set,
                SigMaskHow.Unblock => old & ~set,
                SigMaskHow.SetMask => set,
                _ => old,
            };
            DeliverUnblockedLocked(process, deferred);
        }

        deferred.Run(_processes);
        return Errno.Success;
    }

    private Errno KillLocked(Process? sender, int pid, int signal, DeferredActions deferred)
    {
        List<Process> targets;
        if (pid > 0)
        {
            targets = _table.TryGetValue(pid, out var target) ? [target] : [];
        }
        else if (pid == -1)
        {
            targets = _table.Values.Where(p => p.Pid != 1 && p != sender).ToList();
        }
        else if (pid == 0 && sender is null || pid == int.MinValue)
        {
            return Errno.ESRCH;
        }
        else
        {
            var pgid = pid == 0 ? sender!.Pgid : -pid;
            targets = _table.Values.Where(p => p.Pgid == pgid).ToList();
        }

        return SignalTargetsLocked(sender, targets, signal, deferred);
    }

    private Errno SignalTargetsLocked(Process? sender, List<Process> targets, int signal, DeferredActions deferred)
    {
        if (targets.Count == 0)
        {
            return Errno.ESRCH;
        }

        var permitted = false;
        foreach (var target in targets)
        {
            if (!MaySignal(sender, target, signal))
            {
                continue;
            }

            permitted = true;
            if (signal != 0)
            {
                DeliverLocked(target, signal, deferred);
            }
        }

        return permitted ? Errno.Success : Errno.EPERM;
    }

    // Linux kill_ok_by_cred, with the saved uid approximated by the effective uid (no setuid images here).
    private static bool MaySignal(Process? sender, Process target, int signal)
    {
        if (sender is null || sender.Credentials.IsRoot || signal == Signals.SIGCONT && sender.Sid == target.Sid)
        {
            return true;
        }

        var s = sender.Credentials;
        var t = target.Credentials;
        return s.EffectiveUid == t.Uid || s.EffectiveUid == t.EffectiveUid || s.Uid == t.Uid || s.Uid == t.EffectiveUid;
    }

    // Generation: SIGKILL/SIGSTOP/SIGCONT act at once whatever the mask; other blocked signals become pending (a set, so
    // they coalesce; real-time signals too, which is indistinguishable without handlers: their default terminates).
    private void DeliverLocked(Process target, int signal, DeferredActions deferred)
    {
        if (target.State == ProcessState.Zombie)
        {
            return;
        }

        var bit = Signals.Bit(signal);
        switch (signal)
        {
            case Signals.SIGKILL:
                ExitLocked(target, ExitStatus.Killed(signal), deferred);
                return;
            case Signals.SIGCONT:
                target.PendingSignals &= ~Signals.StopSet;
                ContinueLocked(target, deferred);
                return;
            case Signals.SIGSTOP:
                target.PendingSignals &= ~Signals.Bit(Signals.SIGCONT);
                StopLocked(target, signal, deferred);
                return;
        }

        if (Signals.IsStop(signal))
        {
            target.PendingSignals &= ~Signals.Bit(Signals.SIGCONT);
        }

        if ((target.BlockedSignals & bit) != 0)
        {
            target.PendingSignals |= bit;
            return;
        }

        ActLocked(target, signal, deferred);
    }

    private void DeliverUnblockedLocked(Process process, DeferredActions deferred)
    {
        var ready = process.PendingSignals & ~process.BlockedSignals;
        process.PendingSignals &= ~ready;
        for (var signal = 1; ready != 0 && process.State != ProcessState.Zombie; signal++)
        {
            if ((ready & Signals.Bit(signal)) != 0)
            {
                ready &= ~Signals.Bit(signal);
                ActLocked(process, signal, deferred);
            }
        }
    }

    private void ActLocked(Process target, int signal, DeferredActions deferred)
    {
        if (target.GetDisposition(signal) == SignalDisposition.Ignore)
        {
            return;
        }

        switch (Signals.DefaultAction(signal))
        {
            case SignalAction.Terminate:
                ExitLocked(target, ExitStatus.Killed(signal), deferred);
                break;
            case SignalAction.Stop:
                StopLocked(target, signal, deferred);
                break;
            case SignalAction.Continue:
                ContinueLocked(target, deferred);
                break;
        }
    }

    private void StopLocked(Process target, int signal, DeferredActions deferred)
    {
        if (target.State != ProcessState.Running)
        {
            return;
        }

        target.State = ProcessState.Stopped;
        target.PendingEvent = WaitEventKind.Stopped;
        target.StopSignal = signal;
        NotifyParentLocked(target, deferred);
    }

    private void ContinueLocked(Process target, DeferredActions deferred)
    {
        if (target.State != ProcessState.Stopped)
        {
            return;
        }

        target.State = ProcessState.Running;
        target.PendingEvent = WaitEventKind.Continued;
        NotifyParentLocked(target, deferred);
    }

    private void NotifyParentLocked(Process child, DeferredActions deferred)
    {
        if (_table.TryGetValue(child.ParentPid, out var parent))
        {
            DeliverLocked(parent, Signals.SIGCHLD, deferred);
        }

        ChangedLocked();
    }
}
