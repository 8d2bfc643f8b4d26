using System.Text;
using AgentOs.Kernel;
using AgentOs.Kernel.Processes;

namespace AgentOs;

/// <summary>
/// A process started from the host with <see cref="AgentOsVm.Spawn"/>: its stdin, stdout and stderr are kernel pipes
/// (64 KiB each) whose host ends this handle holds. Output is not buffered on the host: while nobody reads
/// <see cref="StandardOutput"/>, the guest's writes block once the pipe is full, and nothing is lost. Dispose the
/// handle (or the VM) to release the pipes; disposing does not end the process.
/// </summary>
public sealed class AgentOsProcess : IAsyncDisposable, IDisposable
{
    private readonly AgentOsVm _vm;
    private readonly Process _process;
    private readonly PipeWriteStream? _stdin;
    private readonly PipeReadStream _stdout;
    private readonly PipeReadStream _stderr;

    internal AgentOsProcess(AgentOsVm vm, Process process, PipeWriteStream? stdin, PipeReadStream stdout, PipeReadStream stderr)
    {
        _vm = vm;
        _process = process;
        _stdin = stdin;
        _stdout = stdout;
        _stderr = stderr;
    }

    /// <summary>The process id in the VM.</summary>
    public int Pid => _process.Pid;

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.Exited.IsCompleted;

    /// <summary>The process's stdin: writes wait for room in the pipe; disposing it closes stdin (the guest reads EOF).
    /// A write after the process stopped reading throws <see cref="IOException"/> (EPIPE).</summary>
    /// <exception cref="InvalidOperationException">The process was started with stdin from <c>/dev/null</c>.</exception>
    public Stream StandardInput => _stdin ?? throw new InvalidOperationException("This process has no stdin pipe.");

    /// <summary>The process's stdout; reads return 0 at EOF (every writer, including the process's children, is gone).</summary>
    public Stream StandardOutput => _stdout;

    /// <summary>The process's stderr; reads return 0 at EOF.</summary>
    public Stream StandardError => _stderr;

    internal PipeReadStream StdoutPipe => _stdout;

    internal PipeReadStream StderrPipe => _stderr;

    internal PipeWriteStream? StdinPipe => _stdin;

    /// <summary>Writes <paramref name="data"/> to stdin, waiting for room in the pipe.</summary>
    /// <exception cref="IOException">The process no longer reads its stdin (EPIPE).</exception>
    public ValueTask WriteStdinAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        StandardInput.WriteAsync(data, cancellationToken);

    /// <summary>Writes <paramref name="text"/> as UTF-8 to stdin, waiting for room in the pipe.</summary>
    /// <exception cref="IOException">The process no longer reads its stdin (EPIPE).</exception>
    public ValueTask WriteStdinAsync(string text, CancellationToken cancellationToken = default) =>
        WriteStdinAsync(Encoding.UTF8.GetBytes(text), cancellationToken);

    /// <summary>Closes stdin: the process reads EOF once the pipe is drained. Idempotent.</summary>
    public void CloseStdin() => _stdin?.Dispose();

    /// <summary>Waits for the process to end. Cancelling stops the wait, not the process.</summary>
    public async Task<ProcessExit> WaitAsync(CancellationToken cancellationToken = default)
    {
        var status = await _process.Exited.WaitAsync(cancellationToken).ConfigureAwait(false);
        return ToExit(status);
    }

    /// <summary>Sends <paramref name="signal"/> (e.g. 15 for SIGTERM) to the process.</summary>
    /// <returns>False when the process has already ended.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="signal"/> is not 0..64.</exception>
    public bool Signal(int signal)
    {
        if (HasExited)
        {
            return false;
        }

        var errno = _vm.Kernel.Processes.Kill(null, Pid, signal);
        return errno switch
        {
            Errno.Success => true,
            Errno.ESRCH => false,
            _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, $"Not a signal number ({errno})."),
        };
    }

    /// <summary>Sends SIGKILL to the process and its process group (the pipeline it started).</summary>
    public void Kill()
    {
        _vm.Kernel.Processes.KillGroup(null, Pid, Signals.SIGKILL);
        _vm.Kernel.Processes.Kill(null, Pid, Signals.SIGKILL);
    }

    /// <summary>Releases the host's pipe ends (the process then gets EPIPE writing output, EOF reading stdin).</summary>
    public void Dispose()
    {
        _stdin?.Dispose();
        _stdout.Dispose();
        _stderr.Dispose();
        _vm.Forget(this);
    }

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    internal static ProcessExit ToExit(ExitStatus status) =>
        new(status.ShellStatus, status.IsSignaled ? status.Signal : null);
}
