using System.Text;
using AgentOs.Kernel;
using AgentOs.Kernel.Ipc;
using AgentOs.Kernel.Processes;

namespace AgentOs;

/// <summary>
/// A program running on a pseudo-terminal of the VM (<see cref="AgentOsVm.OpenTerminal"/>): bytes written are typed
/// at the terminal (the line discipline echoes them, edits lines, turns ^C, ^\ and ^Z into SIGINT, SIGQUIT and
/// SIGTSTP for the foreground process group, ^D into end of file), and <see cref="Output"/> is what the programs
/// show. The program leads its own session with this as its controlling terminal, so <c>sh</c> runs interactively.
/// Both directions are bounded: a guest writing while nobody reads <see cref="Output"/> blocks, and typing faster
/// than the guest reads waits. Disposing hangs the terminal up (the foreground group gets SIGHUP).
/// </summary>
public sealed class AgentOsTerminal : IAsyncDisposable, IDisposable
{
    private readonly AgentOsVm _vm;
    private readonly Process _process;
    private readonly PtyMaster _master;
    private int _closed;

    internal AgentOsTerminal(AgentOsVm vm, Process process, PtyMaster master)
    {
        _vm = vm;
        _process = process;
        _master = master;
        Output = new TerminalOutputStream(master);
    }

    /// <summary>The pid of the program started on the terminal (the session leader).</summary>
    public int Pid => _process.Pid;

    /// <summary>Whether that program has ended.</summary>
    public bool HasExited => _process.Exited.IsCompleted;

    /// <summary>What the terminal shows: the programs' output (newlines as CR LF unless raw) and the echo of input.
    /// Reads return 0 once every program closed the terminal and all was read.</summary>
    public Stream Output { get; }

    /// <summary>Window width in columns.</summary>
    public int Columns => _master.Pty.Columns;

    /// <summary>Window height in rows.</summary>
    public int Rows => _master.Pty.Rows;

    /// <summary>Whether the line discipline is in raw mode (set by the guest, e.g. the shell's line editor).</summary>
    public bool IsRaw => !_master.Pty.Canonical;

    /// <summary>The terminal's foreground process group (the job that ^C interrupts).</summary>
    public int ForegroundProcessGroup => _master.Pty.ForegroundGroup;

    /// <summary>Types <paramref name="input"/> at the terminal, waiting while the guest's input queue is full.</summary>
    /// <exception cref="ObjectDisposedException">The terminal was closed.</exception>
    /// <exception cref="IOException">No program has the terminal open any more (EIO).</exception>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> input, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _closed) != 0, this);
        var errno = await _master.WriteAsync(input, cancellationToken).ConfigureAwait(false);
        if (errno != Errno.Success)
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _closed) != 0, this);
            throw new IOException($"The terminal of pid {Pid} is closed: no program has it open any more ({errno}).");
        }
    }

    /// <summary>Types <paramref name="text"/> (UTF-8) at the terminal; "\r" is Enter, "\x03" is ^C.</summary>
    /// <inheritdoc cref="WriteAsync(ReadOnlyMemory{byte}, CancellationToken)"/>
    public ValueTask WriteAsync(string text, CancellationToken cancellationToken = default) =>
        WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);

    /// <summary>Changes the window size; the foreground process group gets SIGWINCH when it changed.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension outside 1..4096.</exception>
    /// <exception cref="ObjectDisposedException">The terminal was closed.</exception>
    public void Resize(int columns, int rows)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _closed) != 0, this);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(columns, Pty.MaxDimension);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, Pty.MaxDimension);
        _master.Pty.Resize(columns, rows);
    }

    /// <summary>Waits for the program to end (its children may still hold the terminal). Cancelling stops the wait only.</summary>
    public async Task<ProcessExit> WaitAsync(CancellationToken cancellationToken = default)
    {
        var status = await _process.Exited.WaitAsync(cancellationToken).ConfigureAwait(false);
        return AgentOsProcess.ToExit(status);
    }

    /// <summary>Sends SIGKILL to the program and its process group.</summary>
    public void Kill()
    {
        _vm.Kernel.Processes.KillGroup(null, Pid, Signals.SIGKILL);
        _vm.Kernel.Processes.Kill(null, Pid, Signals.SIGKILL);
    }

    /// <summary>Hangs the terminal up: the foreground process group gets SIGHUP (which ends a shell), the programs'
    /// reads see end of file and their writes fail. Idempotent; the VM's <c>maxPtys</c> unit comes back once every
    /// program has closed its side.</summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            _master.Close();
            _vm.Forget(this);
        }
    }

    /// <inheritdoc cref="Close"/>
    public void Dispose() => Close();

    /// <inheritdoc cref="Close"/>
    public ValueTask DisposeAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }
}
