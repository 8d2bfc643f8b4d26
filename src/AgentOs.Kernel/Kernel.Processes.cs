using AgentOs.Kernel.Processes;
using AgentOs.Kernel.Threading;

namespace AgentOs.Kernel;

/// <summary>Process-level system calls.</summary>
public sealed partial class Kernel
{
    /// <summary>This VM's process table.</summary>
    public ProcessTable Processes { get; }

    /// <summary>waitpid(2). Blocks until a matching child changes state; a signal to the caller ends it with EINTR.</summary>
    public Errno Wait(Process process, int selector, WaitOptions options, out WaitResult result) =>
        Processes.Wait(process, selector, options, new WaitContext(process.Interrupted), out result);

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

        // WaitHandle-free sleep: the cancellation token of the process is the only thing that ends it early.
        var woke = process.Interrupted.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(milliseconds));
        return woke ? Errno.EINTR : Errno.Success;
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

    /// <summary>Called by the executor when a process's image ends (first status wins over a kill).</summary>
    public void ExitProcess(Process process, ExitStatus status) => Processes.Exit(process, status);
}
