using Orleans.Runtime.Placement;

namespace AgentOs.Orleans.Placement;

/// <summary>Asks the <see cref="IVmPlacementGrain"/> for a compatible silo with room for the VM's claim; when no silo
/// has room the activating call fails with <see cref="VmCapacityException"/>.</summary>
internal sealed class AgentOsPlacementDirector(IGrainFactory grains) : IPlacementDirector
{
    public async Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target);
        var claim = VmClaim.From(target);
        var chosen = await grains.GetGrain<IVmPlacementGrain>(0).ChooseAsync(silos, claim).ConfigureAwait(false);
        return chosen ?? throw new VmCapacityException(
            $"no silo has room for VM \"{target.GrainIdentity.Key}\": it claims {claim.MemoryBytes} bytes (maxMemoryBytes + maxFilesystemBytes) and {claim.CpuMillicores / 1000.0} cores (maxCpuCores), more than any of the {silos.Length} silos' host totals have left");
    }
}
