namespace AgentOs.Kernel.Exec;

/// <summary>posix_spawn file-action commands, numbered as in the guest ABI (spec §2.4).</summary>
public enum SpawnFileActionKind
{
    Close = 1,
    Dup2 = 2,
    Open = 3,
    Chdir = 4,
    Fchdir = 5,
    CloseFrom = 6,
}
