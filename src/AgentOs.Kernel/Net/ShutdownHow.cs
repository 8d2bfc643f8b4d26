namespace AgentOs.Kernel.Net;

/// <summary>shutdown(2) directions (wasi-libc SHUT_* values).</summary>
[Flags]
public enum ShutdownHow
{
    Read = 1,
    Write = 2,
    Both = Read | Write,
}
