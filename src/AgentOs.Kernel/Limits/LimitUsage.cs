namespace AgentOs.Kernel.Limits;

/// <summary>A point-in-time reading of one gauge.</summary>
/// <param name="Limit">The gauge name, e.g. <c>vm_processes</c>.</param>
/// <param name="Category">The gauge category.</param>
/// <param name="Current">Current usage.</param>
/// <param name="HighWater">Highest usage seen since the VM started.</param>
/// <param name="Capacity">The cap.</param>
/// <param name="ConfigPath">The configuration path that sets the cap.</param>
public sealed record LimitUsage(
    string Limit,
    LimitCategory Category,
    long Current,
    long HighWater,
    long Capacity,
    string ConfigPath)
{
    /// <summary>Integer fill percentage, <c>Current * 100 / Capacity</c>.</summary>
    public int FillPercent => Capacity <= 0 ? 0 : (int)Math.Min(100L * 100, Current * 100 / Capacity);
}
