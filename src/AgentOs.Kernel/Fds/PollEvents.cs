namespace AgentOs.Kernel.Fds;

/// <summary>Readiness bits with Linux poll(2) values; the executor translates guest bit layouts.</summary>
[Flags]
public enum PollEvents : short
{
    None = 0,
    In = 0x1,
    Pri = 0x2,
    Out = 0x4,
    Err = 0x8,
    Hup = 0x10,
    Nval = 0x20,
}
