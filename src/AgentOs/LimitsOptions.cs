using AgentOs.Kernel.Limits;

namespace AgentOs;

/// <summary>The <c>limits</c> section: kernel resource caps and host-side process limits.</summary>
public sealed class LimitsOptions
{
    /// <summary><c>limits.resources.*</c>: the kernel caps; unset fields take the secure defaults.</summary>
    public ResourceLimits Resources { get; set; } = new();

    /// <summary><c>limits.process.*</c>: limits of host-started processes.</summary>
    public ProcessLimitsOptions Process { get; set; } = new();
}
