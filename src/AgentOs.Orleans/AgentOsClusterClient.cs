using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AgentOs.Orleans;

/// <summary>A connection to a cluster's nodes (found in its <see cref="AgentOsClusterStore"/>) for calling VM grains
/// (<see cref="AgentOsOrleansExtensions.GetVm"/>, <see cref="AgentOsOrleansExtensions.CreateVmAsync"/>,
/// <see cref="AgentOsOrleansExtensions.ListVmsAsync"/>).</summary>
public sealed class AgentOsClusterClient : IAsyncDisposable
{
    private readonly IHost _host;

    private AgentOsClusterClient(IHost host)
    {
        _host = host;
        Grains = host.Services.GetRequiredService<IClusterClient>();
    }

    /// <summary>The cluster's grains.</summary>
    public IGrainFactory Grains { get; }

    /// <summary>Connects to a gateway of the cluster.</summary>
    /// <exception cref="InvalidOperationException">The store cannot be reached, or no node of the cluster answers.</exception>
    public static async Task<AgentOsClusterClient> ConnectAsync(AgentOsClusterStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        await store.CheckReachableAsync(cancellationToken).ConfigureAwait(false);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.UseOrleansClient(client => store.ConfigureClient(client));
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OrleansException or SiloUnavailableException or TimeoutException or System.Net.Sockets.SocketException)
        {
            host.Dispose();
            throw new InvalidOperationException($"no node of the cluster in {store.Url} answers ({e.Message}): start one with agentos node --cluster URL", e);
        }

        return new AgentOsClusterClient(host);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            _host.Dispose();
        }
    }
}
