using System.Runtime.InteropServices;
using AgentOs.Cli.Logging;
using AgentOs.Kernel.Processes;
using Microsoft.Extensions.Logging;

namespace AgentOs.Cli;

/// <summary>
/// <c>agentos sh</c> on a real terminal: the host terminal goes raw and is connected to a VM pseudo-terminal of the
/// same size running the interactive shell, so keys (^C, cursor keys, tab) reach the guest's line discipline and line
/// editor, and the host terminal answers the editor's queries itself. SIGWINCH forwards resizes. The host terminal's
/// settings come back on every way out: the shell exiting, the guest being killed, a CLI crash (process exit hook),
/// SIGTERM/SIGHUP/SIGQUIT to the CLI (the VM is then hung up and the CLI exits with 128 + signal).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal static class TerminalShell
{
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(VmSettings settings)
    {
        using ILoggerFactory loggers = CliLogging.Create(settings.LogLevel, settings.LogFile);
        AgentOsVm vm = await GuestSession.CreateVmAsync(settings, loggers).ConfigureAwait(false);
        await using (vm.ConfigureAwait(false))
        {
            var (columns, rows) = HostTerminal.Size;
            AgentOsTerminal terminal;
            try
            {
                terminal = vm.OpenTerminal("sh", [], new TerminalOptions { Columns = columns, Rows = rows, AnswerCursorQueries = false });
            }
            catch (AgentOsSpawnException e)
            {
                await Console.Error.WriteLineAsync("agentos: " + e.Message).ConfigureAwait(false);
                return e.ShellExitCode;
            }

            using (terminal)
            using (HostTerminal? host = HostTerminal.EnterRawMode())
            {
                var stopped = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
                var registrations = new List<PosixSignalRegistration>
                {
                    PosixSignalRegistration.Create(PosixSignal.SIGWINCH, context =>
                    {
                        context.Cancel = true;
                        var (c, r) = HostTerminal.Size;
                        try
                        {
                            terminal.Resize(c, r);
                        }
                        catch (ObjectDisposedException)
                        {
                        }
                    }),
                };
                foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT, PosixSignal.SIGINT })
                {
                    registrations.Add(PosixSignalRegistration.Create(signal, context =>
                    {
                        // The host terminal is raw, so ^C arrives as a key; a signal here came from outside.
                        context.Cancel = true;
                        host?.Restore();
                        stopped.TrySetResult(128 + SignalNumber(context.Signal));
                    }));
                }

                try
                {
                    Stream stdout = HostTerminal.OpenOutput();
                    Task output = PumpOutputAsync(terminal.Output, stdout);
                    _ = Task.Run(() => PumpInputAsync(HostTerminal.OpenInput(), terminal));
                    Task<ProcessExit> exited = terminal.WaitAsync();
                    Task first = await Task.WhenAny(exited, stopped.Task).ConfigureAwait(false);
                    int status;
                    if (first == exited)
                    {
                        status = (await exited.ConfigureAwait(false)).ExitCode;
                    }
                    else
                    {
                        status = await stopped.Task.ConfigureAwait(false);
                    }

                    // Background jobs end with the session, as when a terminal window closes.
                    terminal.Close();
                    vm.Kernel.Processes.SignalAll(Signals.SIGKILL);
                    try
                    {
                        await output.WaitAsync(DrainGrace).ConfigureAwait(false);
                    }
                    catch (TimeoutException)
                    {
                    }

                    return status;
                }
                finally
                {
                    registrations.ForEach(r => r.Dispose());
                    host?.Restore();
                }
            }
        }
    }

    private static int SignalNumber(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGHUP => 1,
        PosixSignal.SIGINT => 2,
        PosixSignal.SIGQUIT => 3,
        _ => 15,
    };

    private static async Task PumpOutputAsync(Stream from, Stream to)
    {
        byte[] buffer = new byte[1 << 14];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                await to.WriteAsync(buffer.AsMemory(0, read)).ConfigureAwait(false);
                await to.FlushAsync().ConfigureAwait(false);
            }
        }
        catch (ObjectDisposedException)
        {
            // The terminal was closed under the pump: the session is over.
        }
    }

    private static async Task PumpInputAsync(Stream from, AgentOsTerminal terminal)
    {
        byte[] buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                await terminal.WriteAsync(buffer.AsMemory(0, read)).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The session ended (or the host terminal went away).
        }
    }
}
