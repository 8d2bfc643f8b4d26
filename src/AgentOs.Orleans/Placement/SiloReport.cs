
namespace AgentOs.Orleans.Placement;

/// <summary>One silo's free host capacity and its active VMs, as it last published them.</summary>
[GenerateSerializer]
[Alias("AgentOs.Orleans.Placement.SiloReport")]
internal sealed record SiloReport(
    [property: Id(0)] SiloAddress Silo,
    [property: Id(1)] long? FreeMemoryBytes,
    [property: Id(2)] long? FreeCpuMillicores,
    [property: Id(3)] int VmCount,
    [property: Id(4)] IReadOnlyList<VmStatus> Vms)
{
    public bool Fits(VmClaim claim) =>
        (FreeMemoryBytes is not { } memory || memory >= claim.MemoryBytes) && (FreeCpuMillicores is not { } cpu || cpu >= claim.CpuMillicores);

    /// <summary>This report with <paramref name="claim"/> counted in (until the silo's next report).</summary>
    public SiloReport With(VmClaim claim) =>
        this with { FreeMemoryBytes = FreeMemoryBytes - claim.MemoryBytes, FreeCpuMillicores = FreeCpuMillicores - claim.CpuMillicores, VmCount = VmCount + 1 };
}
