namespace AgentOs.Kernel.Processes;

/// <summary>The <c>how</c> of sigprocmask; values are those of <c>proc_signal_mask_v2</c>.</summary>
public enum SigMaskHow
{
    /// <summary>SIG_BLOCK: add the set to the mask.</summary>
    Block = 0,

    /// <summary>SIG_UNBLOCK: remove the set from the mask.</summary>
    Unblock = 1,

    /// <summary>SIG_SETMASK: replace the mask.</summary>
    SetMask = 2,

    /// <summary>Only report the current mask.</summary>
    Query = 3,
}
