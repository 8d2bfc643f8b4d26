using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace AgentOs.Sidecar;

/// <summary>
/// A terminal opened through the sidecar: one pump turns output reads into <c>terminal.output</c> notifications, each
/// awaited before the next read (a host that stops reading stalls the guest, never a buffer), then
/// <c>terminal.exit</c> once the program ended and the output reached end of file (or the terminal was closed).
/// </summary>
internal sealed partial class SidecarTerminal
{
    private const int ReadChunk = 32 << 10;

    private readonly string _vmId;
    private readonly JsonRpc _rpc;
    private readonly ILogger _logger;
    private readonly CancellationToken _stop;

    public SidecarTerminal(string vmId, AgentOsTerminal terminal, JsonRpc rpc, ILogger logger, CancellationToken stop)
    {
        _vmId = vmId;
        Terminal = terminal;
        _rpc = rpc;
        _logger = logger;
        _stop = stop;
        Completion = RunAsync();
    }

    public AgentOsTerminal Terminal { get; }

    /// <summary>Completes after <c>terminal.exit</c> was sent (or could not be).</summary>
    public Task Completion { get; }

    private async Task RunAsync()
    {
        await Task.Yield();
        try
        {
            await PumpAsync().ConfigureAwait(false);
            var exit = await Terminal.WaitAsync(_stop).ConfigureAwait(false);
            await _rpc.NotifyWithParameterObjectAsync("terminal.exit", new SidecarExit(_vmId, Terminal.Pid, exit.ExitCode, exit.Signal)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ConnectionLostException or ObjectDisposedException or OperationCanceledException or IOException)
        {
            LogPumpEnded(_logger, _vmId, Terminal.Pid, e.GetType().Name);
        }
        finally
        {
            Terminal.Close();
        }
    }

    private async Task PumpAsync()
    {
        var buffer = new byte[ReadChunk];
        long seq = 0;
        try
        {
            int read;
            while ((read = await Terminal.Output.ReadAsync(buffer, _stop).ConfigureAwait(false)) > 0)
            {
                await _rpc.NotifyWithParameterObjectAsync("terminal.output", new SidecarTerminalOutput(_vmId, Terminal.Pid, buffer[..read], seq++)).ConfigureAwait(false);
            }
        }
        catch (ObjectDisposedException)
        {
            // terminal.close hung the terminal up under the pump.
        }
    }

    [LoggerMessage(EventId = 303, Level = LogLevel.Debug, Message = "sidecar terminal pump ended early vm={VmId} pid={Pid} reason={Reason}")]
    private static partial void LogPumpEnded(ILogger logger, string vmId, int pid, string reason);
}
