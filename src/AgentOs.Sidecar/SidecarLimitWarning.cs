namespace AgentOs.Sidecar;

/// <summary>The <c>vm.limitWarning</c> notification: a gauge crossed 80% of its capacity.</summary>
/// <param name="VmId">The VM, or null for the sidecar's own queues (e.g. <c>sidecar_stdout_frames</c>).</param>
/// <param name="Limit">The gauge, e.g. <c>vm_processes</c>.</param>
/// <param name="Category"><c>resource</c>, <c>queue</c>, <c>memory</c> or <c>cpu</c>.</param>
/// <param name="Observed">Usage at the crossing.</param>
/// <param name="Capacity">The gauge's capacity.</param>
/// <param name="FillPercent">observed * 100 / capacity.</param>
/// <param name="ConfigPath">The configuration path that raises the limit.</param>
public sealed record SidecarLimitWarning(string? VmId, string Limit, string Category, long Observed, long Capacity, int FillPercent, string ConfigPath);
