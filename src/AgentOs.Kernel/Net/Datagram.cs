namespace AgentOs.Kernel.Net;

/// <summary>One queued datagram and the address it came from.</summary>
internal readonly record struct Datagram(byte[] Data, SocketEndpoint Source);
