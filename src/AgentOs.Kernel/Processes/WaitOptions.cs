namespace AgentOs.Kernel.Processes;

/// <summary>waitpid options; bit values are Linux's (and the guest ABI's).</summary>
[Flags]
public enum WaitOptions
{
    /// <summary>Block until a matching child has an event.</summary>
    None = 0,

    /// <summary>WNOHANG: return pid 0 instead of blocking.</summary>
    NoHang = 1,

    /// <summary>WUNTRACED: also report children that stopped.</summary>
    Untraced = 2,

    /// <summary>WCONTINUED: also report stopped children resumed by SIGCONT.</summary>
    Continued = 8,
}
