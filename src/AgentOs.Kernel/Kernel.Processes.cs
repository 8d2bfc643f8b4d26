using AgentOs.Kernel.Processes;
using AgentOs.Kernel.Threading;

namespace AgentOs.Kernel;

/// <summary>Process-level system calls.</summary>
public sealed partial class Kernel
{
    private const int SpinningPolls = 64;
    private const int MaxPollParkMs = 1000;
    private static readonly TimeSpan QuickPollGap = TimeSpan.FromMilliseconds(1);

    /// <summary>This VM's process table.</summary>
    public ProcessTable Processes { get; }

    /// <summary>waitpid(2). Blocks until a matching child changes state; a signal to the caller ends it with EINTR.</summary>
    public Errno Wait(Process process, int selector, WaitOptions options, out WaitResult result)
    {
        var errno = Processes.Wait(process, selector, options, new WaitContext(process.Interrupted), out result);
        if (errno == Errno.Success && result.Pid == 0 && (options & WaitOptions.NoHang) != 0)
        {
            if (RelieveOutputDeadlock(process))
            {
                process.EmptyPollStreak = 0;
            }
            else
            {
                BackOffEmptyPoll(process);
            }
        }
        else
        {
            process.EmptyPollStreak = 0;
        }

        return errno;
    }

    /// <summary>
    /// brush waits for a foreground child by calling waitpid(WNOHANG) in a tight loop (about 500,000 calls a second),
    /// which burned a whole core per waiting shell. WNOHANG still never blocks for long: after
    /// <see cref="SpinningPolls"/> quick empty polls in a row the poller is parked for 1 ms, doubling with every poll up
    /// to <see cref="MaxPollParkMs"/>, and woken at once by any process state change (the child it waits for exiting
    /// or stopping) or a kill, so a long park costs no latency; a thousand waiting shells then cost almost nothing. A child inside a write keeps the park at 1 ms so a pipe only the parent can relieve
    /// (<see cref="RelieveOutputDeadlock"/>) grows promptly.
    /// </summary>
    private void BackOffEmptyPoll(Process process)
    {
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        var quick = System.Diagnostics.Stopwatch.GetElapsedTime(process.LastEmptyPoll, now) < QuickPollGap;
        process.EmptyPollStreak = quick ? process.EmptyPollStreak + 1 : 1;
        var over = process.EmptyPollStreak - SpinningPolls;
        if (over > 0)
        {
            var ms = ChildIsWriting(process) ? 1 : Math.Min(MaxPollParkMs, 1 << Math.Min(30, over - 1));
            Processes.ParkPoller(process, ms);
        }

        process.LastEmptyPoll = System.Diagnostics.Stopwatch.GetTimestamp();
    }

    // True when a child is writing into a pipe whose read end the parent holds (only the parent can relieve it).
    private bool ChildIsWriting(Process parent)
    {
        foreach (var fd in parent.Fds.OpenDescriptors())
        {
            if (parent.Fds.Get(fd, out var file) != Errno.Success || file is not Ipc.PipeReadEnd { Pipe: var pipe })
            {
                continue;
            }

            foreach (var child in Processes.Snapshot())
            {
                if (child.ParentPid == parent.Pid && Processes.Get(child.Pid)?.PendingWrite is Ipc.PipeWriteEnd writer && writer.Pipe == pipe)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// brush (single-threaded in WebAssembly) collects <c>$(…)</c> output only after polling waitpid to completion,
    /// so a child writing more than a pipe holds would wait forever for a reader that waits for it. When the
    /// waiting parent itself holds the read end of the pipe a polled child is blocked on, that pipe grows (bounded
    /// by <c>vm_pipe_overflow_bytes</c>) instead of deadlocking.
    /// </summary>
    /// <remarks>Every child counts, not only the one polled: in <c>$(a | b)</c> the shell may poll for <c>a</c>
    /// while <c>b</c> is the one blocked on the shell's pipe.</remarks>
    /// <returns>True when a pipe grew.</returns>
    private bool RelieveOutputDeadlock(Process parent)
    {
        var grew = false;

        // Cheap first: brush polls waitpid in a tight loop, and only a read end with a blocked writer matters.
        foreach (var fd in parent.Fds.OpenDescriptors())
        {
            if (parent.Fds.Get(fd, out var file) != Errno.Success || file is not Ipc.PipeReadEnd { Pipe: var pipe } || pipe.BlockedWriters == 0)
            {
                continue;
            }

            foreach (var child in Processes.Snapshot())
            {
                if (child.ParentPid == parent.Pid && Processes.Get(child.Pid)?.PendingWrite is Ipc.PipeWriteEnd writer && writer.Pipe == pipe)
                {
                    grew |= pipe.TryGrowForBlockedWriter(PipeOverflowGauge);
                    break;
                }
            }
        }

        return grew;
    }

    /// <summary>kill(2).</summary>
    public Errno Kill(Process process, int pid, int signal) => Processes.Kill(process, pid, signal);

    /// <summary>sigprocmask(2).</summary>
    public Errno SignalMask(Process process, SigMaskHow how, ulong set, out ulong old) =>
        Processes.SetSignalMask(process, how, set, out old);

    /// <summary>getpgid(2).</summary>
    public Errno GetPgid(Process process, int pid, out int pgid) => Processes.GetPgid(process, pid, out pgid);

    /// <summary>setpgid(2).</summary>
    public Errno SetPgid(Process process, int pid, int pgid) => Processes.SetPgid(process, pid, pgid);

    /// <summary>umask(2): sets the mask when <paramref name="mask"/> is given; returns the previous one.</summary>
    public uint Umask(Process process, uint? mask)
    {
        var old = process.Umask;
        if (mask is { } m)
        {
            process.Umask = m & 0x1FF;
        }

        return old;
    }

    /// <summary>A sleep a signal can end early (EINTR).</summary>
    public Errno Sleep(Process process, uint milliseconds)
    {
        if (milliseconds == 0)
        {
            return Errno.Success;
        }

        // The cancellation token of the process is the only thing that ends it early. A wait handle takes at most
        // int.MaxValue ms, so the longest sleeps (up to 49.7 days) run in two parts.
        KernelWait.WillBlock();
        var remaining = milliseconds;
        while (remaining > 0)
        {
            var part = (int)Math.Min(remaining, int.MaxValue);
            if (process.Interrupted.WaitHandle.WaitOne(part))
            {
                return Errno.EINTR;
            }

            remaining -= (uint)part;
        }

        return Errno.Success;
    }

    /// <summary>setuid(2): root may become anyone; others only their own real or effective id.</summary>
    public Errno SetUid(Process process, uint uid)
    {
        var c = process.Credentials;
        if (!c.IsRoot && uid != c.Uid && uid != c.EffectiveUid)
        {
            return Errno.EPERM;
        }

        process.Credentials = c.IsRoot ? c with { Uid = uid, EffectiveUid = uid } : c with { EffectiveUid = uid };
        return Errno.Success;
    }

    /// <summary>setgid(2).</summary>
    public Errno SetGid(Process process, uint gid)
    {
        var c = process.Credentials;
        if (!c.IsRoot && gid != c.Gid && gid != c.EffectiveGid)
        {
            return Errno.EPERM;
        }

        process.Credentials = c.IsRoot ? c with { Gid = gid, EffectiveGid = gid } : c with { EffectiveGid = gid };
        return Errno.Success;
    }

    /// <summary>setgroups(2): root only.</summary>
    public Errno SetGroups(Process process, IReadOnlyList<uint> groups)
    {
        if (!process.Credentials.IsRoot)
        {
            return Errno.EPERM;
        }

        process.Credentials = process.Credentials with { Groups = [.. groups] };
        return Errno.Success;
    }

    /// <summary>RLIM_INFINITY.</summary>
    public const ulong RLimitInfinity = ulong.MaxValue;

    private const int RLimitCpu = 0;
    private const int RLimitFileSize = 1;
    private const int RLimitData = 2;
    private const int RLimitStack = 3;
    private const int RLimitProcesses = 6;
    private const int RLimitOpenFiles = 7;
    private const int RLimitAddressSpace = 9;
    private const int RLimitCount = 16;

    /// <summary>getrlimit(2): the VM's caps as hard limits (Linux RLIMIT_* numbering); others are unlimited.</summary>
    public Errno GetRLimit(Process process, int resource, out ulong soft, out ulong hard)
    {
        soft = hard = RLimitInfinity;
        if (resource is < 0 or >= RLimitCount)
        {
            return Errno.EINVAL;
        }

        hard = resource switch
        {
            RLimitFileSize => (ulong)Limits.MaxFilesystemBytes,
            RLimitData or RLimitAddressSpace => (ulong)Limits.MaxWasmMemoryBytes,
            RLimitStack => (ulong)Limits.MaxWasmStackBytes,
            RLimitProcesses => (ulong)Limits.MaxProcesses,
            RLimitOpenFiles => (ulong)Limits.MaxOpenFds,
            _ => RLimitInfinity,
        };
        soft = resource == RLimitOpenFiles ? (ulong)process.Fds.Capacity : hard;
        if (resource == RLimitCpu)
        {
            (soft, hard) = (process.CpuLimitSoft, process.CpuLimitHard);
        }

        return Errno.Success;
    }

    /// <summary>
    /// setrlimit(2). Limits are the operator's: asking for more than the VM's cap is EPERM, always. The descriptor
    /// limit may be lowered (and is then enforced); other limits accept only their current value.
    /// </summary>
    public Errno SetRLimit(Process process, int resource, ulong soft, ulong hard)
    {
        var errno = GetRLimit(process, resource, out var currentSoft, out var currentHard);
        if (errno != Errno.Success)
        {
            return errno;
        }

        if (soft > hard)
        {
            return Errno.EINVAL;
        }

        if (hard > currentHard)
        {
            return Errno.EPERM;
        }

        if (resource == RLimitOpenFiles)
        {
            return process.Fds.LowerCapacity((int)Math.Min(soft, int.MaxValue));
        }

        if (resource == RLimitCpu)
        {
            // Linux: CPU seconds; SIGXCPU at the soft limit (then every second), SIGKILL at the hard one.
            process.CpuLimitSoft = soft;
            process.CpuLimitHard = hard;
            process.NextCpuSignalSeconds = soft;
            return Errno.Success;
        }

        return soft == currentSoft && hard == currentHard ? Errno.Success : Errno.EINVAL;
    }

    /// <summary>
    /// Charges CPU time a guest thread of <paramref name="process"/> used since its last charge: to the process
    /// (RLIMIT_CPU: SIGXCPU past the soft limit, every further second, SIGKILL at the hard limit) and to the VM's
    /// share. Returns how long the thread must be parked because the VM is over its <c>maxCpuCores</c>.
    /// </summary>
    public TimeSpan ChargeCpu(Process process, long nanoseconds)
    {
        var totalNs = process.AddCpuTime(nanoseconds);
        var seconds = (ulong)(totalNs / 1_000_000_000);

        // In time order: a charge that spans both limits passed the soft one first, so SIGXCPU (which ends the process
        // unless ignored) comes before SIGKILL, as Linux's every-tick check would have sent it.
        if (seconds >= process.NextCpuSignalSeconds && process.NextCpuSignalSeconds < process.CpuLimitHard)
        {
            process.NextCpuSignalSeconds = seconds + 1;
            Processes.Kill(null, process.Pid, Signals.SIGXCPU);
        }

        if (seconds >= process.CpuLimitHard)
        {
            Processes.Kill(null, process.Pid, Signals.SIGKILL);
        }

        return Cpu.Charge(nanoseconds);
    }

    /// <summary>Called by the executor when a process's image ends (first status wins over a kill).</summary>
    public void ExitProcess(Process process, ExitStatus status) => Processes.Exit(process, status);
}
