using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace AgentOs.Orleans;

/// <summary>One member (silo) of a cluster whose membership and VM state live in an <see cref="AgentOsClusterStore"/>;
/// it hosts VM grains placed on it and is a gateway for clients. Stopping it saves and hands off its VMs.</summary>
public sealed class AgentOsClusterNode : IAsyncDisposable
{
    private readonly IHost _host;

    private AgentOsClusterNode(IHost host, IPEndPoint silo, IPEndPoint gateway)
    {
        _host = host;
        Grains = host.Services.GetRequiredService<IGrainFactory>();
        SiloEndpoint = silo;
        GatewayEndpoint = gateway;
    }

    /// <summary>Where other silos reach this node.</summary>
    public IPEndPoint SiloEndpoint { get; }

    /// <summary>Where clients reach this node.</summary>
    public IPEndPoint GatewayEndpoint { get; }

    /// <summary>The cluster's grains as seen from this node (no gateway hop), for services the node hosts itself
    /// such as its MCP endpoint.</summary>
    public IGrainFactory Grains { get; }

    /// <summary>Creates the store's schema if missing, then starts the node and joins the cluster.</summary>
    /// <exception cref="ArgumentException">A port is out of range, or both ports are the same.</exception>
    /// <exception cref="InvalidOperationException">The store cannot be reached, or a port is taken.</exception>
    public static async Task<AgentOsClusterNode> StartAsync(AgentOsClusterStore store, AgentOsNodeOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        var silo = new IPEndPoint(options.Address, CheckPort(options.SiloPort, "silo"));
        var gateway = new IPEndPoint(options.Address, CheckPort(options.GatewayPort, "gateway"));
        if (silo.Port == gateway.Port)
        {
            throw new ArgumentException($"the silo and gateway ports are both {silo.Port}; they must differ", nameof(options));
        }

        CheckFree(silo, "silo");
        CheckFree(gateway, "gateway");
        await store.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        options.Logging?.Invoke(builder.Logging);
        builder.UseOrleans(siloBuilder =>
        {
            store.ConfigureSilo(siloBuilder);
            siloBuilder.ConfigureEndpoints(options.Address, silo.Port, gateway.Port, listenOnAnyHostAddress: false);
            siloBuilder.AddAgentOsVms(o => Copy(options.Vms, o));

            // A killed node is declared dead after about two failed probes (a few seconds, not Orleans' default
            // 30 s+), so its VMs come back on a survivor quickly.
            siloBuilder.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(2);
                o.NumMissedProbesLimit = 2;
            });
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new AgentOsClusterNode(host, silo, gateway);
    }

    /// <summary>Leaves the cluster: VMs are deactivated (state saved) so other nodes can take them.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _host.StopAsync(cancellationToken);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            _host.Dispose();
        }
    }

    private static int CheckPort(int port, string what) =>
        port is > 0 and <= ushort.MaxValue ? port : throw new ArgumentException($"the {what} port must be 1 to 65535 (was {port})", nameof(port));

    private static void CheckFree(IPEndPoint endpoint, string what)
    {
        // Orleans binds with SO_REUSEPORT (.NET's ReuseAddress on Linux), so a second node on the same port would
        // bind too and share its connections, and the cluster would then kill the older node as a stale clone of the
        // newer. A probe connection finds a listener whatever its socket options.
        using var probe = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        var target = endpoint.Address.Equals(IPAddress.Any) ? new IPEndPoint(IPAddress.Loopback, endpoint.Port) : endpoint;
        try
        {
            probe.Connect(target);
        }
        catch (SocketException)
        {
            return;
        }

        throw new InvalidOperationException($"the {what} port {endpoint} is in use: is another node running on this machine with the same ports?");
    }

    private static void Copy(AgentOsSiloOptions from, AgentOsSiloOptions to)
    {
        to.MaxTotalMemoryBytes = from.MaxTotalMemoryBytes;
        to.MaxTotalCpuCores = from.MaxTotalCpuCores;
        to.IdleTimeout = from.IdleTimeout;
        to.SavePolicy = from.SavePolicy;
        to.ReportInterval = from.ReportInterval;
        to.CacheDirectory = from.CacheDirectory;
    }
}
