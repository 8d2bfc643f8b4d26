using AgentOs.Kernel.Fds;

namespace AgentOs.Kernel.Net;

/// <summary>One queued message of a Unix datagram or seqpacket connection and the descriptions it carries
/// (SCM_RIGHTS; each holds one reference until received or dropped).</summary>
internal readonly record struct UnixMessage(byte[] Data, FileDescription[]? Rights) : IUnixMessage;
