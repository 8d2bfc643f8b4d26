
namespace AgentOs.Orleans.Placement;

/// <summary>Places a VM grain on a silo whose host totals have room for it, preferring the silo with fewest VMs.</summary>
[Serializable]
[GenerateSerializer]
[Immutable]
[SuppressReferenceTracking]
[Alias("AgentOs.Orleans.Placement.AgentOsPlacementStrategy")]
internal sealed class AgentOsPlacementStrategy : PlacementStrategy
{
    public static AgentOsPlacementStrategy Instance { get; } = new();
}
