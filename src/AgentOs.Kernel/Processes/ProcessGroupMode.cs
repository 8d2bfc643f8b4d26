namespace AgentOs.Kernel.Processes;

/// <summary>Which process group and session a new process joins (posix_spawn SETPGROUP / SETSID).</summary>
public enum ProcessGroupMode
{
    /// <summary>The parent's group and session.</summary>
    Inherit,

    /// <summary>A new group led by the child, in the parent's session (SETPGROUP with pgroup 0).</summary>
    NewGroup,

    /// <summary>The existing group <see cref="ProcessStart.Pgid"/> of the parent's session (SETPGROUP).</summary>
    JoinGroup,

    /// <summary>A new session and group led by the child (SETSID).</summary>
    NewSession,
}
