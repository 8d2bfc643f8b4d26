namespace AgentOs.Kernel.Net;

/// <summary>send/recv flags with Linux values (the guest ABI uses them verbatim, spec §2.8.2).</summary>
[Flags]
public enum MessageFlags
{
    None = 0,
    Peek = 0x2,
    Truncate = 0x20,
    DontWait = 0x40,
    WaitAll = 0x100,
    NoSignal = 0x4000,
}
