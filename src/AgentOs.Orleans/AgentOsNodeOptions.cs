using System.Net;
using Microsoft.Extensions.Logging;

namespace AgentOs.Orleans;

/// <summary>How <see cref="AgentOsClusterNode"/> joins a cluster.</summary>
public sealed class AgentOsNodeOptions
{
    /// <summary>The address the node listens on and advertises to the others. Default loopback: a cluster on one
    /// machine; give a reachable address to span machines.</summary>
    public IPAddress Address { get; set; } = IPAddress.Loopback;

    /// <summary>The port silos talk to each other on. Default 11111.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>The port clients connect to. Default 30000.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>How this node hosts VMs (host totals, idle timeout, save policy).</summary>
    public AgentOsSiloOptions Vms { get; set; } = new();

    /// <summary>Where the node's logs go; null: nowhere.</summary>
    public Action<ILoggingBuilder>? Logging { get; set; }
}
