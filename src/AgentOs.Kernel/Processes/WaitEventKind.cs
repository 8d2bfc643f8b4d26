namespace AgentOs.Kernel.Processes;

/// <summary>What a wait reported.</summary>
public enum WaitEventKind
{
    /// <summary>Nothing (WNOHANG and no child ready).</summary>
    None,

    /// <summary>The child exited and was reaped.</summary>
    Exited,

    /// <summary>The child stopped (WUNTRACED).</summary>
    Stopped,

    /// <summary>The child was continued (WCONTINUED).</summary>
    Continued,
}
