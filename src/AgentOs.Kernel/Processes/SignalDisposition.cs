namespace AgentOs.Kernel.Processes;

/// <summary>What a process does with a signal. The guests cannot install handlers, so there is no "caught".</summary>
public enum SignalDisposition
{
    /// <summary>SIG_DFL: the kernel's default action (terminate, ignore, stop or continue).</summary>
    Default,

    /// <summary>SIG_IGN: discarded (only possible through inheritance across spawn/exec).</summary>
    Ignore,
}
