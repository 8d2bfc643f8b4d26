namespace AgentOs.Kernel.Net;

/// <summary>Socket type: a byte stream (TCP, Unix stream), datagrams (UDP, Unix socketpair), or sequenced packets
/// (Unix socketpair only).</summary>
public enum SocketKind
{
    Stream,
    Datagram,
    SeqPacket,
}
