using System.Runtime.InteropServices;
using AgentOs.Cli.Logging;
using AgentOs.Kernel;
using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Processes;
using AgentOs.Network;
using Microsoft.Extensions.Logging;

namespace AgentOs.Cli;

/// <summary>
/// One VM for one CLI command: creates it from <see cref="VmSettings"/>, starts the guest program with its
/// stdout/stderr streamed raw to this process's own, forwards stdin and Ctrl-C, and returns the guest's exit status.
/// </summary>
internal static class GuestSession
{
    /// <summary>How often <c>debug</c> logging adds a "limit usage" snapshot while a guest runs.</summary>
    private static readonly TimeSpan SnapshotInterval = TimeSpan.FromSeconds(1);

    /// <summary>How long a signalled guest may take to exit before the CLI exits anyway.</summary>
    private static readonly TimeSpan InterruptGrace = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(VmSettings settings, string program, IReadOnlyList<string> args, GuestStdin stdin, RunTimeout? timeout = null)
    {
        using ILoggerFactory loggers = CliLogging.Create(settings.LogLevel, settings.LogFile);
        AgentOsVm vm = await CreateVmAsync(settings, loggers).ConfigureAwait(false);
        await using (vm.ConfigureAwait(false))
        {
            Stream stdout = Console.OpenStandardOutput();
            Stream stderr = Console.OpenStandardError();
            Stream? input = stdin == GuestStdin.Always || Console.IsInputRedirected ? Console.OpenStandardInput() : null;
            await CopyAsync(settings.CopyIn, vm.CopyInAsync).ConfigureAwait(false);
            var status = await RunGuestAsync(vm, program, args, input, stdout, stderr, timeout).ConfigureAwait(false);

            // Write-back here rather than at dispose, so a failure reaches the user instead of a log.
            await CopyAsync([("mounts", "host")], (_, _, token) => vm.SyncMountsAsync(token)).ConfigureAwait(false);
            await CopyAsync(settings.CopyOut, vm.CopyOutAsync).ConfigureAwait(false);
            return status;
        }
    }

    /// <summary>Creates a VM, runs <paramref name="commandLine"/> (output to stderr) if given, and reads the gauges.</summary>
    public static async Task<(int Status, EffectiveLimits Effective, IReadOnlyList<LimitUsage> Usage)> MeasureAsync(VmSettings settings, string? commandLine)
    {
        using ILoggerFactory loggers = CliLogging.Create(settings.LogLevel, settings.LogFile);
        AgentOsVm vm = await CreateVmAsync(settings, loggers).ConfigureAwait(false);
        await using (vm.ConfigureAwait(false))
        {
            Stream stderr = Console.OpenStandardError();
            int status = commandLine is null
                ? ExitCodes.Success
                : await RunGuestAsync(vm, "sh", ["-c", commandLine], null, stderr, stderr).ConfigureAwait(false);
            return (status, vm.Limits, vm.LimitUsage);
        }
    }

    /// <summary>Runs each copy; a failure becomes a usage error naming the paths.</summary>
    private static async Task CopyAsync(IReadOnlyList<(string From, string To)> pairs, Func<string, string, CancellationToken, Task> copy)
    {
        foreach (var (from, to) in pairs)
        {
            try
            {
                await copy(from, to, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or AgentOsFileSystemException)
            {
                throw new CliUsageException($"copy {from} -> {to}: {e.Message}");
            }
        }
    }

    /// <summary>Creates the VM the settings describe (missing software is fetched first, with progress on stderr).</summary>
    /// <exception cref="CliUsageException">An option is unusable.</exception>
    public static async Task<AgentOsVm> CreateVmAsync(VmSettings settings, ILoggerFactory loggers, AgentOsHost? host = null, CancellationToken cancellationToken = default)
    {
        // Downloads (first run only) get a progress view before the VM exists, so nothing else writes meanwhile.
        await SoftwareCommands.EnsureCachedAsync(settings.Software, cancellationToken).ConfigureAwait(false);
        var options = new AgentOsOptions
        {
            DefaultSoftware = false,
            Software = [.. settings.Software],
            Limits = new LimitsOptions { Resources = settings.Limits },
            Env = settings.Env.ToDictionary(StringComparer.Ordinal),
            Network = new NetworkOptions { AllowedHosts = [.. settings.AllowNet], DnsServers = [.. settings.DnsServers] },
            LoggerFactory = loggers,
            Mounts = [.. settings.Mounts],
            Host = host,
        };
        if (settings.Cwd is not null)
        {
            options.Cwd = settings.Cwd.StartsWith('/') ? settings.Cwd : throw new CliUsageException($"--cwd: '{settings.Cwd}' must be an absolute path in the VM");
        }

        try
        {
            return await AgentOsVm.CreateAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException e) when (e is not LimitConfigurationException)
        {
            throw new CliUsageException(e.Message);
        }
    }

    private static async Task<int> RunGuestAsync(AgentOsVm vm, string program, IReadOnlyList<string> args, Stream? stdin, Stream stdout, Stream stderr, RunTimeout? timeout = null)
    {
        AgentOsProcess process;
        try
        {
            process = vm.Spawn(program, args);
        }
        catch (AgentOsSpawnException e)
        {
            Console.Error.WriteLine("agentos: " + e.Message);
            return e.ShellExitCode;
        }

        var interrupted = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        PosixSignalRegistration[] signals = ForwardSignals(vm, process, interrupted);
        // Only with debug logging; stopped by disposing it, because a cancelled tick costs a stack trace with source
        // lines (tens of ms of a short command).
        using var snapshots = vm.Kernel.Registry.LogsUsage ? new PeriodicTimer(SnapshotInterval) : null;
        try
        {
            Task pumps = Task.WhenAll(PumpAsync(process.StandardOutput, stdout), PumpAsync(process.StandardError, stderr));
            if (stdin is null)
            {
                process.CloseStdin();
            }
            else
            {
                // Not awaited: a terminal read may never return, and the guest may exit without reading at all.
                _ = FeedStdinAsync(stdin, process);
            }

            Task snapshotLoop = snapshots is null ? Task.CompletedTask : LogSnapshotsAsync(vm, snapshots);
            Task<ProcessExit> exited = process.WaitAsync();
            using var expiry = new CancellationTokenSource();
            Task expired = timeout is null ? Task.Delay(Timeout.Infinite, expiry.Token) : Task.Delay(timeout.Duration, expiry.Token);
            int status;
            Task first = await Task.WhenAny(exited, interrupted.Task, expired).ConfigureAwait(false);
            if (first == exited)
            {
                status = (await exited.ConfigureAwait(false)).ExitCode;

                // A one-shot run ends with its top process, as a container with its first one: background jobs
                // still running are killed, so they cannot hold the output open (their output so far is kept).
                vm.Kernel.Processes.SignalAll(Signals.SIGKILL);
                await pumps.ConfigureAwait(false);
            }
            else if (first == expired)
            {
                vm.Kernel.Processes.SignalAll(Signals.SIGKILL);
                await DrainAsync(pumps).ConfigureAwait(false);
                await Console.Error.WriteLineAsync($"agentos: timed out after {timeout!.Text}").ConfigureAwait(false);
                status = ExitCodes.TimedOut;
            }
            else
            {
                status = await AfterInterruptAsync(vm, exited, pumps, await interrupted.Task.ConfigureAwait(false)).ConfigureAwait(false);
            }

            await expiry.CancelAsync().ConfigureAwait(false);

            snapshots?.Dispose();
            await snapshotLoop.ConfigureAwait(false);
            return status;
        }
        finally
        {
            Array.ForEach(signals, registration => registration.Dispose());
            process.Dispose();
        }
    }

    /// <summary>
    /// The CLI was signalled and passed the signal on to the guest's process group: the guest gets a short grace to
    /// end (its status wins); then every process of the VM is killed, so nothing of the job runs or prints after the
    /// CLI exits with the guest's status or 128 + signal.
    /// </summary>
    private static async Task<int> AfterInterruptAsync(AgentOsVm vm, Task<ProcessExit> exited, Task pumps, int signal)
    {
        int status;
        try
        {
            status = (await exited.WaitAsync(InterruptGrace).ConfigureAwait(false)).ExitCode;
        }
        catch (TimeoutException)
        {
            status = 128 + signal;
        }

        vm.Kernel.Processes.SignalAll(Signals.SIGKILL);
        await DrainAsync(pumps).ConfigureAwait(false);
        return status;
    }

    // Output the killed guests wrote before they died still reaches the terminal; a stalled terminal cannot hold the
    // CLI past the grace.
    private static async Task DrainAsync(Task pumps)
    {
        try
        {
            await pumps.WaitAsync(InterruptGrace).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Disposing the VM releases the rest.
        }
    }

    private static async Task PumpAsync(Stream from, Stream to)
    {
        byte[] buffer = new byte[1 << 16];
        int read;
        while ((read = await from.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            await to.WriteAsync(buffer.AsMemory(0, read)).ConfigureAwait(false);
            await to.FlushAsync().ConfigureAwait(false);
        }
    }

    private static async Task FeedStdinAsync(Stream from, AgentOsProcess process)
    {
        try
        {
            byte[] buffer = new byte[1 << 16];
            int read;
            while ((read = await from.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                await process.StandardInput.WriteAsync(buffer.AsMemory(0, read)).ConfigureAwait(false);
            }
        }
        catch (IOException)
        {
            // The guest stopped reading (EPIPE) or our stdin failed: the rest is not wanted, as in a shell pipeline.
        }
        catch (ObjectDisposedException)
        {
            // The guest exited and its pipes were released.
        }
        finally
        {
            process.CloseStdin();
        }
    }

    /// <summary>A "limit usage" snapshot per tick while the guest runs (the VM adds one when disposed); ends when the
    /// timer is disposed.</summary>
    private static async Task LogSnapshotsAsync(AgentOsVm vm, PeriodicTimer timer)
    {
        while (await timer.WaitForNextTickAsync().ConfigureAwait(false))
        {
            vm.Kernel.Registry.LogUsageSnapshot();
        }
    }

    /// <summary>
    /// Ctrl-C sends SIGINT to the guest's process group (like a terminal's foreground job) and the CLI then exits; a
    /// second Ctrl-C kills the guest at once. SIGTERM, SIGQUIT and SIGHUP to the CLI are forwarded the same way.
    /// </summary>
    private static PosixSignalRegistration[] ForwardSignals(AgentOsVm vm, AgentOsProcess process, TaskCompletionSource<int> interrupted)
    {
        void Forward(PosixSignalContext context, int signal)
        {
            context.Cancel = true;
            if (interrupted.Task.IsCompleted)
            {
                process.Kill();
                return;
            }

            if (vm.Kernel.Processes.KillGroup(null, process.Pid, signal) != Errno.Success)
            {
                process.Signal(signal);
            }

            interrupted.TrySetResult(signal);
        }

        return
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Forward(c, Signals.SIGINT)),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Forward(c, Signals.SIGTERM)),
            PosixSignalRegistration.Create(PosixSignal.SIGQUIT, c => Forward(c, Signals.SIGQUIT)),
            PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => Forward(c, Signals.SIGHUP)),
        ];
    }
}
