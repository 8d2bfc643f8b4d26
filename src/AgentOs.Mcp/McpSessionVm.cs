namespace AgentOs.Mcp;

/// <summary>Session VMs over in-process <see cref="AgentOsVm"/>s.</summary>
public static class McpSessionVm
{
    /// <summary>A session VM over <paramref name="vm"/> that disposes it when the session ends.</summary>
    public static IMcpSessionVm Of(AgentOsVm vm)
    {
        ArgumentNullException.ThrowIfNull(vm);
        return new InProcessSessionVm(vm, ownsVm: true);
    }
}
