using System.Net;
using System.Net.Sockets;

namespace AgentOs.Testing;

/// <summary>Loopback ports for the processes tests and benchmarks start (cluster nodes, PostgreSQL).</summary>
internal static class LoopbackPort
{
    /// <summary>A port the OS just handed out and released; another process may take it before it is used.</summary>
    public static int Free()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
