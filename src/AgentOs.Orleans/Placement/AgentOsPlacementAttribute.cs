using Orleans.Placement;

namespace AgentOs.Orleans.Placement;

/// <summary>Marks a grain class for <see cref="AgentOsPlacementStrategy"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
internal sealed class AgentOsPlacementAttribute() : PlacementAttribute(AgentOsPlacementStrategy.Instance);
