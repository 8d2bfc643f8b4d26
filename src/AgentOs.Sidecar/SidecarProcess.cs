using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace AgentOs.Sidecar;

/// <summary>
/// A process spawned through the sidecar: one pump per output stream turns reads into <c>process.output</c>
/// notifications, each awaited before the next read (so a stalled stdout stalls the guest, never a buffer), then
/// <c>process.exit</c> once the process ended and both streams reached EOF.
/// </summary>
internal sealed partial class SidecarProcess
{
    private const int ReadChunk = 32 << 10;

    private readonly string _vmId;
    private readonly AgentOsProcess _process;
    private readonly JsonRpc _rpc;
    private readonly ILogger _logger;
    private readonly CancellationToken _stop;
    private long _seq;

    public SidecarProcess(string vmId, AgentOsProcess process, JsonRpc rpc, ILogger logger, CancellationToken stop)
    {
        _vmId = vmId;
        _process = process;
        _rpc = rpc;
        _logger = logger;
        _stop = stop;
        Completion = RunAsync();
    }

    public AgentOsProcess Process => _process;

    /// <summary>Completes after <c>process.exit</c> was sent (or could not be: the session ended or the VM was disposed).</summary>
    public Task Completion { get; }


    private async Task RunAsync()
    {
        await Task.Yield();
        try
        {
            await Task.WhenAll(PumpAsync(_process.StandardOutput, "stdout"), PumpAsync(_process.StandardError, "stderr")).ConfigureAwait(false);
            var exit = await _process.WaitAsync().ConfigureAwait(false);
            await _rpc.NotifyWithParameterObjectAsync("process.exit", new SidecarExit(_vmId, _process.Pid, exit.ExitCode, exit.Signal)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ConnectionLostException or ObjectDisposedException or OperationCanceledException or IOException)
        {
            LogPumpEnded(_logger, _vmId, _process.Pid, e.GetType().Name);
        }
        finally
        {
            _process.Dispose();
        }
    }

    private async Task PumpAsync(Stream from, string stream)
    {
        var buffer = new byte[ReadChunk];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, _stop).ConfigureAwait(false)) > 0)
            {
                var seq = Interlocked.Increment(ref _seq) - 1;
                await _rpc.NotifyWithParameterObjectAsync("process.output", new SidecarOutput(_vmId, _process.Pid, stream, buffer[..read], seq)).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is ObjectDisposedException or OperationCanceledException or IOException)
        {
            // The VM is going away: its pipes were closed under the pump.
        }
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Debug, Message = "sidecar process pump ended early vm={VmId} pid={Pid} reason={Reason}")]
    private static partial void LogPumpEnded(ILogger logger, string vmId, int pid, string reason);
}
