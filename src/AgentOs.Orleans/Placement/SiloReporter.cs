using AgentOs.Kernel.Limits;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentOs.Orleans.Placement;

/// <summary>Publishes this silo's free host capacity and VMs to the <see cref="IVmPlacementGrain"/> when the silo
/// becomes active, every <see cref="AgentOsSiloOptions.ReportInterval"/>, and after a VM is created or disposed.</summary>
internal sealed partial class SiloReporter(
    IGrainFactory grains,
    ILocalSiloDetails silo,
    AgentOsHost host,
    LocalVms vms,
    IOptions<AgentOsSiloOptions> options,
    ILogger<SiloReporter> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloReporter), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    /// <summary>Publishes now; failures are logged (the next round retries).</summary>
    public async Task ReportAsync()
    {
        try
        {
            var usage = host.Usage;
            await grains.GetGrain<IVmPlacementGrain>(0).ReportAsync(new SiloReport(
                silo.SiloAddress, Free(usage, "host_memory_bytes"), Free(usage, "host_cpu_millicores"), vms.Count, vms.Snapshot())).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogReportFailed(logger, e);
        }
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        await ReportAsync().ConfigureAwait(false);
        _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(options.Value.ReportInterval);
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                await ReportAsync().ConfigureAwait(false);
            }
        }, CancellationToken.None);
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose() => _stopping.Dispose();

    private static long? Free(IReadOnlyList<LimitUsage> usage, string limit) =>
        usage.FirstOrDefault(u => u.Limit == limit) is { } gauge ? gauge.Capacity - gauge.Current : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not publish this silo's VM capacity")]
    private static partial void LogReportFailed(ILogger logger, Exception exception);
}
