namespace AgentOs.Kernel.Net;

/// <summary>Address family of a socket.</summary>
public enum SocketDomain
{
    Inet,
    Inet6,
    Unix,
}
