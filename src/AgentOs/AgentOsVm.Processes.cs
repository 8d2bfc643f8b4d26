using System.Text;
using AgentOs.Kernel;
using AgentOs.Kernel.Exec;
using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Ipc;
using AgentOs.Kernel.Limits;

namespace AgentOs;

/// <summary>Starting processes from the host.</summary>
public sealed partial class AgentOsVm
{
    private const int StdinCopyChunk = 1 << 16;
    private static readonly TimeSpan QueueRetryInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Runs <paramref name="commandLine"/> through the shell (<c>/bin/sh -c</c>) and captures its output (each stream
    /// bounded by <see cref="ProcessLimitsOptions.MaxCapturedOutputBytes"/>; past it the output is still drained, so the
    /// guest never stalls, but dropped and flagged). Returns when the shell has exited and both outputs reached EOF.
    /// A command the shell cannot find gives exit code 127 and the shell's message on stderr.
    /// </summary>
    /// <exception cref="OperationCanceledException">Cancelled; the process and its process group were killed.</exception>
    /// <exception cref="AgentOsSpawnException">The shell could not be started (e.g. the process limit).</exception>
    public Task<ProcessResult> ExecAsync(string commandLine, ExecOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        return RunCoreAsync("/bin/sh", ["sh", "-c", commandLine], options, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="program"/> with <paramref name="arguments"/> directly (no shell; a name without "/" is
    /// searched on PATH) and captures its output as <see cref="ExecAsync"/> does. A program that does not exist or
    /// cannot be executed is reported as a shell would: exit code 127 (not found) or 126 (not executable), with
    /// <c>agentos: &lt;program&gt;: command not found</c> on stderr and <see cref="ProcessResult.Pid"/> 0.
    /// </summary>
    /// <exception cref="OperationCanceledException">Cancelled; the process and its process group were killed.</exception>
    /// <exception cref="AgentOsSpawnException">A limit refused the process (e.g. <c>limits.resources.maxProcesses</c>).</exception>
    public Task<ProcessResult> RunAsync(string program, IEnumerable<string>? arguments = null, ExecOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(program);
        return RunCoreAsync(program, [program, .. arguments ?? []], options, cancellationToken);
    }

    /// <summary>
    /// Starts <paramref name="program"/> (no shell; a name without "/" is searched on PATH) with stdin, stdout and
    /// stderr connected to the returned handle's streams.
    /// </summary>
    /// <exception cref="AgentOsSpawnException">The kernel refused: ENOENT (no such program), EACCES, or a limit.</exception>
    public AgentOsProcess Spawn(string program, IEnumerable<string>? arguments = null, SpawnOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(program);
        return Start(program, [program, .. arguments ?? []], options?.Env, options?.Cwd, stdinPipe: true);
    }

    private async Task<ProcessResult> RunCoreAsync(string program, string[] argv, ExecOptions? options, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var limit = options?.MaxCapturedOutputBytes ?? _maxCapturedOutputBytes;
        ArgumentOutOfRangeException.ThrowIfNegative(limit, "options.MaxCapturedOutputBytes");
        if (options?.Timeout is { } timeoutValue)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeoutValue, TimeSpan.Zero, "options.Timeout");
        }

        var hasStdin = options?.Stdin is not null || options?.StdinText is not null;
        AgentOsProcess process;
        try
        {
            process = await StartQueuedAsync(program, argv, options, hasStdin, cancellationToken).ConfigureAwait(false);
        }
        catch (AgentOsSpawnException ex) when (ex.LimitConfigPath is null && ex.ShellExitCode != 1)
        {
            var message = Encoding.UTF8.GetBytes($"agentos: {ex.Message}\n");
            return new ProcessResult(0, new ProcessExit(ex.ShellExitCode, null), ReadOnlyMemory<byte>.Empty, false, message, false);
        }

        options?.Started?.Invoke(process.Pid);
        using (process)
        using (var timeout = new CancellationTokenSource())
        {
            if (options?.Timeout is { } duration)
            {
                // Killing the group ends the run: the exit and the pipes' EOF then complete the result as usual.
                timeout.Token.UnsafeRegister(static state => ((AgentOsProcess)state!).Kill(), process);
                timeout.CancelAfter(duration);
            }

            try
            {
                var stdout = OutputCapture.ReadAsync(process.StdoutPipe, limit, cancellationToken);
                var stderr = OutputCapture.ReadAsync(process.StderrPipe, limit, cancellationToken);
                var stdin = hasStdin ? FeedStdinAsync(process, options!, cancellationToken) : Task.CompletedTask;
                var exit = await process.WaitAsync(cancellationToken).ConfigureAwait(false);
                var (outBytes, outTruncated) = await stdout.ConfigureAwait(false);
                var (errBytes, errTruncated) = await stderr.ConfigureAwait(false);
                await stdin.ConfigureAwait(false);
                return new ProcessResult(process.Pid, exit, outBytes, outTruncated, errBytes, errTruncated)
                {
                    TimedOut = timeout.IsCancellationRequested,
                };
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                process.Kill();
                throw;
            }
        }
    }

    /// <summary>
    /// Starts a host command; when the VM's process, pipe or descriptor tables are full it waits its turn (a burst
    /// gets slower, not refused), woken by every process exit and re-trying at least every
    /// <see cref="QueueRetryInterval"/> (host pipes close just after their process exits). At most
    /// <c>maxQueuedCommands</c> wait; past that, or for any other refusal, it fails at once.
    /// </summary>
    private async Task<AgentOsProcess> StartQueuedAsync(string program, string[] argv, ExecOptions? options, bool hasStdin, CancellationToken cancellationToken)
    {
        var queue = _kernel.QueuedCommandsGauge;
        var queued = false;
        try
        {
            while (true)
            {
                ThrowIfDisposed();
                var changed = _kernel.Processes.WhenChanged();
                try
                {
                    return Start(program, argv, options?.Env, options?.Cwd, hasStdin);
                }
                catch (AgentOsSpawnException ex) when (ex.Errno is Errno.EAGAIN or Errno.ENFILE or Errno.EMFILE)
                {
                    if (!queued && !queue.TryReserve())
                    {
                        var path = EffectiveLimits.ConfigPath(nameof(ResourceLimits.MaxQueuedCommands));
                        throw new AgentOsSpawnException(ex.Errno, program,
                            $"{ex.Message}; {queue.Capacity} commands already wait for room (raise {path})", path);
                    }

                    queued = true;
                }

                await Task.WhenAny(changed, Task.Delay(QueueRetryInterval, cancellationToken)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            if (queued)
            {
                queue.Release();
            }
        }
    }

    private static async Task FeedStdinAsync(AgentOsProcess process, ExecOptions options, CancellationToken cancellationToken)
    {
        var stdin = process.StdinPipe!;
        try
        {
            if (options.StdinText is { } text)
            {
                await stdin.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
            }

            if (options.Stdin is { } source)
            {
                await source.CopyToAsync(stdin, StdinCopyChunk, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (IOException)
        {
            // The process stopped reading its stdin (or exited): the rest is not wanted, as with a shell pipeline.
        }
        finally
        {
            stdin.Dispose();
        }
    }

    private AgentOsProcess Start(string program, IReadOnlyList<string> argv, IDictionary<string, string>? env, string? cwd, bool stdinPipe)
    {
        ThrowIfDisposed();
        var environment = new Dictionary<string, string>(_environment, StringComparer.Ordinal);
        DefaultEnvironment.Merge(environment, env);
        var directory = ResolveStartDirectory(program, cwd);
        Errno errno;
        var ends = new List<FileDescription>(6);
        try
        {
            PipeReadEnd? inRead = null;
            PipeWriteEnd? inWrite = null;
            if (stdinPipe)
            {
                CreatePipe(program, ends, out inRead, out inWrite);
            }

            CreatePipe(program, ends, out var outRead, out var outWrite);
            CreatePipe(program, ends, out var errRead, out var errWrite);
            var request = new SpawnRequest(program, argv, DefaultEnvironment.ToEntries(environment), [], directory);
            errno = _kernel.SpawnFromHost(request, _credentials, [inRead, outWrite, errWrite], out var process);
            if (errno != Errno.Success)
            {
                throw SpawnFailure(errno, program);
            }

            // The child's descriptors now hold the ends it was given; the host keeps (and later closes) the others.
            ends.Clear();
            var handle = new AgentOsProcess(this, process, inWrite is null ? null : new PipeWriteStream(inWrite), new PipeReadStream(outRead), new PipeReadStream(errRead));
            _handles.TryAdd(handle, 0);
            return handle;
        }
        finally
        {
            foreach (var end in ends)
            {
                Close(end);
            }
        }
    }

    private string ResolveStartDirectory(string program, string? cwd)
    {
        var directory = cwd is null ? WorkingDirectory
            : cwd.StartsWith('/') ? cwd
            : WorkingDirectory.TrimEnd('/') + "/" + cwd;
        var context = new Kernel.Vfs.PathContext(_credentials, "/", 0x12);
        var errno = _kernel.FileSystem.ResolveDirectory(context, directory, out directory);
        if (errno != Errno.Success)
        {
            throw new AgentOsSpawnException(errno, program, $"{program}: cannot use working directory {cwd}: {AgentOsFileSystemException.Strerror(errno)}");
        }

        return directory;
    }

    private void CreatePipe(string program, List<FileDescription> ends, out PipeReadEnd read, out PipeWriteEnd write)
    {
        var errno = Pipe.TryCreate(_kernel.PipesGauge, Pipe.DefaultCapacity, out read, out write);
        if (errno != Errno.Success)
        {
            throw SpawnFailure(errno == Errno.EAGAIN ? Errno.ENFILE : errno, program);
        }

        ends.Add(read);
        ends.Add(write);
    }

    private AgentOsSpawnException SpawnFailure(Errno errno, string program)
    {
        var limits = _kernel.Limits;
        return errno switch
        {
            Errno.ENOENT => new(errno, program, $"{program}: command not found"),
            Errno.EACCES => new(errno, program, $"{program}: permission denied"),
            Errno.ENOEXEC => new(errno, program, $"{program}: exec format error"),
            Errno.EAGAIN when _kernel.ProcessesGauge.Current < limits.MaxProcesses => new(errno, program,
                $"{program}: cannot start: this host process already runs as many guest processes as it allows, all VMs together"),
            Errno.EAGAIN => new(errno, program,
                $"{program}: cannot start: the VM has {_kernel.ProcessesGauge.Current} of {limits.MaxProcesses} processes (raise {EffectiveLimits.ConfigPath(nameof(ResourceLimits.MaxProcesses))})",
                EffectiveLimits.ConfigPath(nameof(ResourceLimits.MaxProcesses))),
            Errno.ENFILE => new(errno, program,
                $"{program}: cannot start: the VM has {_kernel.PipesGauge.Current} of {limits.MaxPipes} pipes (raise {EffectiveLimits.ConfigPath(nameof(ResourceLimits.MaxPipes))})",
                EffectiveLimits.ConfigPath(nameof(ResourceLimits.MaxPipes))),
            Errno.EMFILE => new(errno, program,
                $"{program}: cannot start: the VM has {_kernel.OpenFdsGauge.Current} of {limits.MaxOpenFds} open descriptors (raise {EffectiveLimits.ConfigPath(nameof(ResourceLimits.MaxOpenFds))})",
                EffectiveLimits.ConfigPath(nameof(ResourceLimits.MaxOpenFds))),
            Errno.E2BIG => new(errno, program,
                $"{program}: argument list or environment too long (limits.resources.maxProcessArgvBytes = {limits.MaxProcessArgvBytes}, limits.resources.maxProcessEnvBytes = {limits.MaxProcessEnvBytes})",
                EffectiveLimits.ConfigPath(nameof(ResourceLimits.MaxProcessArgvBytes))),
            _ => new(errno, program, $"{program}: cannot start: {AgentOsFileSystemException.Strerror(errno)}"),
        };
    }

    private static void Close(FileDescription end)
    {
        switch (end)
        {
            case PipeReadEnd read:
                read.Close();
                break;
            case PipeWriteEnd write:
                write.Close();
                break;
        }
    }
}
