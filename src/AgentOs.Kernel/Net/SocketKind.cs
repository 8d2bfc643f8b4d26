namespace AgentOs.Kernel.Net;

/// <summary>Socket type: a byte stream (TCP, Unix stream) or datagrams (UDP).</summary>
public enum SocketKind
{
    Stream,
    Datagram,
}
