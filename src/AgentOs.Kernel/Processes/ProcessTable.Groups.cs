namespace AgentOs.Kernel.Processes;

/// <summary>Process groups and sessions: setpgid(2), getpgid(2), setsid(2), getsid(2).</summary>
public sealed partial class ProcessTable
{
    /// <summary>
    /// setpgid(2) by <paramref name="caller"/>: <paramref name="pid"/> 0 = the caller, <paramref name="pgid"/> 0 = the
    /// target's pid. The target must be the caller or one of its children (children are not refused after exec with
    /// EACCES: every child here has exec'd, and shells call setpgid from both sides).
    /// </summary>
    /// <returns>EINVAL for a negative pgid; ESRCH when the target is not the caller or its child; EPERM for a child in
    /// another session, a session leader, or a group that does not exist in the caller's session.</returns>
    public Errno SetPgid(Process caller, int pid, int pgid)
    {
        if (pgid < 0)
        {
            return Errno.EINVAL;
        }

        lock (_gate)
        {
            var target = pid == 0 ? caller : _table.GetValueOrDefault(pid);
            if (target is null || target != caller && target.ParentPid != caller.Pid || target.State == ProcessState.Zombie)
            {
                return Errno.ESRCH;
            }

            if (target.Sid != caller.Sid || target.Sid == target.Pid)
            {
                return Errno.EPERM;
            }

            pgid = pgid == 0 ? target.Pid : pgid;
            if (pgid != target.Pid && !GroupExistsLocked(pgid, caller.Sid))
            {
                return Errno.EPERM;
            }

            target.Pgid = pgid;
            return Errno.Success;
        }
    }

    /// <summary>getpgid(2): <paramref name="pid"/> 0 = the caller (ESRCH when the host asks for itself).</summary>
    public Errno GetPgid(Process? caller, int pid, out int pgid)
    {
        var error = Lookup(caller, pid, out var process);
        pgid = process?.Pgid ?? 0;
        return error;
    }

    /// <summary>getsid(2): <paramref name="pid"/> 0 = the caller.</summary>
    public Errno GetSid(Process? caller, int pid, out int sid)
    {
        var error = Lookup(caller, pid, out var process);
        sid = process?.Sid ?? 0;
        return error;
    }

    /// <summary>setsid(2): the caller leads a new session and group. EPERM when a group with its pid exists.</summary>
    public Errno SetSid(Process caller, out int sid)
    {
        sid = 0;
        lock (_gate)
        {
            if (_table.Values.Any(p => p.Pgid == caller.Pid))
            {
                return Errno.EPERM;
            }

            caller.Sid = caller.Pgid = sid = caller.Pid;
            return Errno.Success;
        }
    }

    private Errno Lookup(Process? caller, int pid, out Process? process)
    {
        lock (_gate)
        {
            process = pid == 0 ? caller : pid > 0 ? _table.GetValueOrDefault(pid) : null;
        }

        return process is null ? Errno.ESRCH : Errno.Success;
    }
}
