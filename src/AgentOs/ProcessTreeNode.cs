using AgentOs.Kernel.Processes;

namespace AgentOs;

/// <summary>One process of <see cref="AgentOsVm.GetProcessTree"/> with its children.</summary>
/// <param name="Info">The process.</param>
/// <param name="Children">Its children, by pid.</param>
public sealed record ProcessTreeNode(ProcessInfo Info, IReadOnlyList<ProcessTreeNode> Children);
