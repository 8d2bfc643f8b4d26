using AgentOs.Kernel.Fds;

namespace AgentOs.Kernel.Net;

/// <summary>One datagram queued at an unpaired Unix datagram socket: the bytes, the sender's name when it sent
/// (<c>unix-unnamed</c> for an unbound sender) and the descriptions it carries (SCM_RIGHTS; each holds one reference
/// until received or dropped).</summary>
internal readonly record struct UnixDatagram(byte[] Data, SocketEndpoint Source, FileDescription[]? Rights) : IUnixMessage;
