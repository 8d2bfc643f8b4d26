namespace AgentOs.Kernel.Fds;

/// <summary>Per-descriptor flags (fcntl F_GETFD/F_SETFD), as opposed to the shared description's status flags.</summary>
[Flags]
public enum FdFlags
{
    None = 0,
    CloseOnExec = 1,
}
