namespace AgentOs.Kernel.Fds;

/// <summary>lseek(2) origin (same numbers in Linux and WASI preview1).</summary>
public enum SeekWhence
{
    Set = 0,
    Current = 1,
    End = 2,
}
