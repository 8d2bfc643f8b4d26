namespace AgentOs.Kernel.Limits;

/// <summary>Raised once when a gauge's usage crosses 80% of its capacity (re-armed at ≤ 50%).</summary>
/// <param name="Limit">The gauge name, e.g. <c>vm_open_fds</c>.</param>
/// <param name="Category">The gauge category.</param>
/// <param name="Observed">Usage at the moment of the crossing.</param>
/// <param name="Capacity">The gauge capacity.</param>
/// <param name="FillPercent">Integer <c>observed * 100 / capacity</c>.</param>
/// <param name="ConfigPath">The configuration path that raises the limit, e.g. <c>limits.resources.maxOpenFds</c>.</param>
public sealed record LimitWarning(
    string Limit,
    LimitCategory Category,
    long Observed,
    long Capacity,
    int FillPercent,
    string ConfigPath);
