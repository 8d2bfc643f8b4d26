using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace AgentOs.Orleans.Tests;

/// <summary>A cluster of in-process silos hosting VM grains; subclasses choose the size and host totals.</summary>
public abstract class ClusterFixture : IAsyncLifetime
{
    private readonly int _silos;
    private readonly long? _maxTotalMemoryBytes;

    protected ClusterFixture(int silos, long? maxTotalMemoryBytes)
    {
        _silos = silos;
        _maxTotalMemoryBytes = maxTotalMemoryBytes;
    }

    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder((short)_silos);
        builder.ConfigureHostConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AgentOsTest:MaxTotalMemoryBytes"] = _maxTotalMemoryBytes?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
