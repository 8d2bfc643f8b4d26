using AgentOs.Orleans;

namespace AgentOs.Cli.Tests.Cluster;

/// <summary>The store URL and Orleans' schema in a real PostgreSQL server.</summary>
public sealed class ClusterStoreTests
{
    [Fact]
    public void UrlBecomesAConnectionStringAndIsShownWithoutItsPassword()
    {
        var store = AgentOsClusterStore.Parse("postgres://ann:s%40cret@db.example:6543/vms");

        Assert.Equal("postgres://ann@db.example:6543/vms", store.Url);
        Assert.Contains("Password=s@cret", store.ConnectionString, StringComparison.Ordinal);
        Assert.Contains("Port=6543", store.ConnectionString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mysql://u@h/db")]
    [InlineData("postgres://u@h")]
    [InlineData("not a url")]
    public void OtherUrlsAreRefused(string url) =>
        Assert.Contains("is not a store URL", Assert.Throws<ArgumentException>(() => AgentOsClusterStore.Parse(url)).Message, StringComparison.Ordinal);

    [Fact]
    public async Task AnUnreachableStoreIsNamed()
    {
        var store = AgentOsClusterStore.Parse("postgres://agentos@127.0.0.1:1/agentos");

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => store.CheckReachableAsync());
        Assert.StartsWith("cannot reach the cluster store postgres://agentos@127.0.0.1:1/agentos", e.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task SchemaIsCreatedOnceAndThenFound()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var store = AgentOsClusterStore.Parse(postgres.Url);

        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => store.CheckReachableAsync());
        Assert.Contains("no cluster tables", missing.Message, StringComparison.Ordinal);

        Assert.Equal(["PostgreSQL-Main.sql", "PostgreSQL-Clustering.sql", "PostgreSQL-Persistence.sql"], await store.EnsureSchemaAsync());
        Assert.Empty(await store.EnsureSchemaAsync());
        await store.CheckReachableAsync();
        Assert.Equal(13L, await postgres.QueryAsync("SELECT count(*) FROM orleansquery"));
    }
}
