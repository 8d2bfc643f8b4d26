
namespace AgentOs.Orleans.Placement;

/// <summary>Holds the latest <see cref="SiloReport"/> per silo. After a failover it starts empty and is refilled
/// by the next round of reports; a silo with no report yet is treated as empty and unbounded.</summary>
internal sealed class VmPlacementGrain(IClusterMembershipService membership) : Grain, IVmPlacementGrain
{
    private readonly Dictionary<SiloAddress, SiloReport> _reports = [];

    public Task ReportAsync(SiloReport report)
    {
        _reports[report.Silo] = report;
        return Task.CompletedTask;
    }

    public Task<SiloAddress?> ChooseAsync(SiloAddress[] silos, VmClaim claim)
    {
        SiloReport? best = null;
        foreach (var silo in silos)
        {
            var report = _reports.GetValueOrDefault(silo) ?? new SiloReport(silo, null, null, 0, []);
            if (report.Fits(claim) && (best is null || report.VmCount < best.VmCount))
            {
                best = report;
            }
        }

        if (best is not null)
        {
            _reports[best.Silo] = best.With(claim);
        }

        return Task.FromResult(best?.Silo);
    }

    public Task<IReadOnlyList<SiloReport>> GetReportsAsync()
    {
        var active = membership.CurrentSnapshot;
        IReadOnlyList<SiloReport> reports = [.. _reports.Values.Where(r => active.GetSiloStatus(r.Silo) == SiloStatus.Active)];
        return Task.FromResult(reports);
    }
}
