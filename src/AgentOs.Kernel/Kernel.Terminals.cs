using AgentOs.Kernel.Exec;
using AgentOs.Kernel.Ipc;
using AgentOs.Kernel.Processes;
using AgentOs.Kernel.Threading;

namespace AgentOs.Kernel;

/// <summary>
/// Pseudo-terminals: opening a pair (<c>vm_ptys</c>), starting a session on one, and the terminal calls of the
/// guest ABI (isatty, <c>host_tty</c>: read, raw mode, window size, foreground process group, session).
/// </summary>
public sealed partial class Kernel
{
    /// <summary>
    /// Opens a terminal pair of <paramref name="columns"/> × <paramref name="rows"/>: EAGAIN at
    /// <c>limits.resources.maxPtys</c>, EINVAL for a size outside 1..4096. The caller owns the master and must
    /// <see cref="PtyMaster.Close"/> it; the unit is returned once the master and every slave descriptor are closed.
    /// </summary>
    internal Errno OpenPty(int columns, int rows, out PtyMaster master)
    {
        master = null!;
        var errno = Pty.TryCreate(PtysGauge, columns, rows, SignalTerminalGroup, out var pty);
        if (errno == Errno.Success)
        {
            master = pty.Master;
        }

        return errno;
    }

    /// <summary>
    /// Starts a top-level process with the terminal's slave as fds 0, 1 and 2. The process leads a new session whose
    /// controlling terminal this is, with its own group in the foreground. On failure the slave is closed again.
    /// </summary>
    internal Errno SpawnOnTerminal(SpawnRequest request, Credentials credentials, PtyMaster master, out Process process)
    {
        var slave = master.Pty.Slave;
        var errno = SpawnFromHost(request, credentials, [slave, slave, slave], out process);
        if (errno == Errno.Success)
        {
            master.Pty.SetControlling(process.Sid, process.Pgid);
        }
        else if (slave.References == 0)
        {
            master.Pty.CloseSlave();
        }

        return errno;
    }

    /// <summary>isatty(3): true for either side of a terminal.</summary>
    public Errno IsATty(Process process, int fd, out bool isTty)
    {
        var errno = process.Fds.Get(fd, out var file);
        isTty = errno == Errno.Success && file is PtySlave or PtyMaster;
        return errno;
    }

    /// <summary>
    /// <c>host_tty.read</c>: input from the terminal on the process's fd 0, waiting at most
    /// <paramref name="timeoutMs"/> (negative: until input, end of file or a signal). ENOTTY when fd 0 is not a
    /// terminal; ETIMEDOUT when nothing came in time.
    /// </summary>
    public Errno TtyRead(Process process, Span<byte> buffer, int timeoutMs, out int read)
    {
        read = 0;
        var errno = Terminal(process, 0, out var pty);
        if (errno != Errno.Success)
        {
            return errno;
        }

        var wait = new WaitContext(process.Interrupted, timeoutMs < 0 ? Timeout.Infinite : timeoutMs);
        return pty.SlaveRead(buffer, nonBlocking: false, wait, out read);
    }

    /// <summary><c>host_tty.set_raw_mode</c>: cfmakeraw on the terminal at fd 0, or back to cooked mode; the caller
    /// becomes the terminal's interactive shell, which its signal characters spare (<see cref="Pty.SetRaw"/>). ENOTTY
    /// when fd 0 is not a terminal.</summary>
    public Errno SetRawMode(Process process, bool raw)
    {
        var errno = Terminal(process, 0, out var pty);
        if (errno == Errno.Success)
        {
            pty.SetRaw(raw, process.Pid);
        }

        return errno;
    }

    /// <summary>TIOCGWINSZ on <paramref name="fd"/>.</summary>
    public Errno TtyGetSize(Process process, int fd, out int columns, out int rows)
    {
        columns = rows = 0;
        var errno = Terminal(process, fd, out var pty);
        if (errno == Errno.Success)
        {
            columns = pty.Columns;
            rows = pty.Rows;
        }

        return errno;
    }

    /// <summary>TIOCSWINSZ on <paramref name="fd"/>: EINVAL outside 1..4096; a change sends SIGWINCH to the foreground group.</summary>
    public Errno TtySetSize(Process process, int fd, int columns, int rows)
    {
        var errno = Terminal(process, fd, out var pty);
        return errno == Errno.Success ? pty.Resize(columns, rows) : errno;
    }

    /// <summary>tcgetpgrp(3) on <paramref name="fd"/>.</summary>
    public Errno TtyGetForegroundGroup(Process process, int fd, out int pgid)
    {
        pgid = 0;
        var errno = Terminal(process, fd, out var pty);
        if (errno == Errno.Success)
        {
            pgid = pty.ForegroundGroup;
        }

        return errno;
    }

    /// <summary>tcgetsid(3) on <paramref name="fd"/>: ENOTTY when the terminal controls no session.</summary>
    public Errno TtyGetSession(Process process, int fd, out int sid)
    {
        sid = 0;
        var errno = Terminal(process, fd, out var pty);
        if (errno == Errno.Success)
        {
            sid = pty.SessionId;
        }

        return errno != Errno.Success ? errno : sid == 0 ? Errno.ENOTTY : Errno.Success;
    }

    /// <summary>
    /// tcsetpgrp(3) on <paramref name="fd"/>: ENOTTY unless it is the caller's controlling terminal, EINVAL for a
    /// pgid ≤ 0, EPERM when no process of the caller's session is in group <paramref name="pgid"/>.
    /// </summary>
    public Errno TtySetForegroundGroup(Process process, int fd, int pgid)
    {
        var errno = Terminal(process, fd, out var pty);
        if (errno != Errno.Success)
        {
            return errno;
        }

        if (pgid <= 0)
        {
            return Errno.EINVAL;
        }

        if (!Processes.Snapshot().Any(p => p.Pgid == pgid && p.Sid == process.Sid && p.State != ProcessState.Zombie))
        {
            return Errno.EPERM;
        }

        return pty.SetForeground(process.Sid, pgid);
    }

    private Errno Terminal(Process process, int fd, out Pty pty)
    {
        pty = null!;
        var errno = process.Fds.Get(fd, out var file);
        if (errno != Errno.Success)
        {
            return errno;
        }

        switch (file)
        {
            case PtySlave slave:
                pty = slave.Pty;
                return Errno.Success;
            case PtyMaster master:
                pty = master.Pty;
                return Errno.Success;
            default:
                return Errno.ENOTTY;
        }
    }

    private void SignalTerminalGroup(int pgid, int signal, int exceptPid) => Processes.KillGroup(null, pgid, signal, exceptPid);
}
