using System.Data.Common;
using Npgsql;
using Orleans.Configuration;

namespace AgentOs.Orleans;

/// <summary>
/// The membership table and grain storage of a cluster, from a URL: <c>postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE</c>
/// (Orleans' ADO.NET providers over Npgsql; the database needs Orleans' PostgreSQL schema for clustering and
/// persistence). Every node and client of one cluster uses the same URL.
/// </summary>
public sealed class AgentOsClusterStore
{
    private const string Invariant = "Npgsql";

    private AgentOsClusterStore(string url, string connectionString)
    {
        Url = url;
        ConnectionString = connectionString;
    }

    /// <summary>The URL without its password, for messages.</summary>
    public string Url { get; }

    /// <summary>The Npgsql connection string.</summary>
    public string ConnectionString { get; }

    /// <summary>Parses a cluster URL.</summary>
    /// <exception cref="ArgumentException">Not a <c>postgres://</c> URL with a host and a database.</exception>
    public static AgentOsClusterStore Parse(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("postgres" or "postgresql")
            || string.IsNullOrEmpty(uri.Host) || uri.AbsolutePath.Length <= 1)
        {
            throw new ArgumentException($"--cluster: '{url}' is not a store URL (postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE)", nameof(url));
        }

        var user = Uri.UnescapeDataString(uri.UserInfo.Split(':', 2)[0]);
        var password = uri.UserInfo.Contains(':', StringComparison.Ordinal) ? Uri.UnescapeDataString(uri.UserInfo.Split(':', 2)[1]) : null;
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath[1..]),
            Username = user.Length > 0 ? user : null,
            Password = password,
            Timeout = 5,
        };
        var shown = $"{uri.Scheme}://{(user.Length > 0 ? user + "@" : string.Empty)}{builder.Host}:{builder.Port}/{builder.Database}";
        return new AgentOsClusterStore(shown, builder.ConnectionString);
    }

    /// <summary>Proves the store answers and holds the cluster's tables (a node creates them: <see cref="EnsureSchemaAsync"/>).</summary>
    /// <exception cref="InvalidOperationException">The store cannot be reached or has no cluster tables.</exception>
    public async Task CheckReachableAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        if (!await ClusterSchema.ExistsAsync(connection, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"the cluster store {Url} has no cluster tables yet: start a node first (agentos node --cluster URL creates them)");
        }
    }

    /// <summary>Creates Orleans' clustering and persistence tables where missing (idempotent; safe from nodes
    /// starting together). Returns the scripts applied, none when the schema was complete.</summary>
    /// <exception cref="InvalidOperationException">The store cannot be reached or refused the schema.</exception>
    public async Task<IReadOnlyList<string>> EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ClusterSchema.EnsureAsync(connection, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e)
        {
            throw new InvalidOperationException($"cannot create the cluster tables in {Url}: {e.MessageText}", e);
        }
    }

    /// <summary>An open connection; failures name the URL (the password is never shown).</summary>
    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (Exception e) when (e is NpgsqlException or DbException or TimeoutException or System.Net.Sockets.SocketException)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"cannot reach the cluster store {Url}: {e.Message}", e);
        }
    }

    /// <summary>Membership and the <see cref="AgentOsOrleansExtensions.StorageName"/> grain storage in this store.</summary>
    public ISiloBuilder ConfigureSilo(ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        RegisterProvider();
        builder.Configure<ClusterOptions>(Cluster);
        builder.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = ConnectionString;
        });
        builder.AddAdoNetGrainStorage(AgentOsOrleansExtensions.StorageName, o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = ConnectionString;
        });
        return builder;
    }

    /// <summary>A client finding the cluster's gateways in this store.</summary>
    public IClientBuilder ConfigureClient(IClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        RegisterProvider();
        builder.Configure<ClusterOptions>(Cluster);
        builder.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = ConnectionString;
        });
        return builder;
    }

    private static void Cluster(ClusterOptions options)
    {
        options.ClusterId = "agentos";
        options.ServiceId = "agentos";
    }

    private static void RegisterProvider() => DbProviderFactories.RegisterFactory(Invariant, NpgsqlFactory.Instance);
}
