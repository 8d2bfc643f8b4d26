
namespace AgentOs.Orleans.Placement;

/// <summary>The cluster's view of every silo's capacity and VMs (one activation, key 0), fed by each silo's
/// <see cref="SiloReporter"/>; chooses silos for new VM activations.</summary>
[Alias("AgentOs.Orleans.Placement.IVmPlacementGrain")]
internal interface IVmPlacementGrain : IGrainWithIntegerKey
{
    [Alias("Report")]
    Task ReportAsync(SiloReport report);

    /// <summary>The fitting silo among <paramref name="silos"/> with fewest VMs, counting the claim in; null: none fits.</summary>
    [Alias("Choose")]
    Task<SiloAddress?> ChooseAsync(SiloAddress[] silos, VmClaim claim);

    /// <summary>The latest report of every active silo.</summary>
    [Alias("GetReports")]
    Task<IReadOnlyList<SiloReport>> GetReportsAsync();
}
