namespace AgentOs.Kernel.Net;

/// <summary>The socket options the kernel stores (spec §2.8.4); the executor decodes guest levels and names.</summary>
public enum SocketOption
{
    ReuseAddress,
    KeepAlive,
    NoDelay,
    Linger,
    ReceiveTimeoutMs,
    SendTimeoutMs,
}
