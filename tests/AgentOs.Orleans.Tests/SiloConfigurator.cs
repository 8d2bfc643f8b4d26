using AgentOs.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;

namespace AgentOs.Orleans.Tests;

/// <summary>VM grains on every test silo: shared storage, fast failure detection, the host total from the cluster's
/// configuration (<c>AgentOsTest:MaxTotalMemoryBytes</c>).</summary>
public sealed class SiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        var total = siloBuilder.Configuration["AgentOsTest:MaxTotalMemoryBytes"];
        siloBuilder.AddAgentOsVms(o =>
        {
            o.CacheDirectory = TestCache.Directory;
            o.MaxTotalMemoryBytes = string.IsNullOrEmpty(total) ? null : long.Parse(total, System.Globalization.CultureInfo.InvariantCulture);
            o.ReportInterval = TimeSpan.FromMilliseconds(500);
        });
        siloBuilder.Services.AddKeyedSingleton<IGrainStorage>(AgentOsOrleansExtensions.StorageName,
            (sp, _) => new SharedGrainStorage(sp.GetRequiredService<Serializer>()));
        siloBuilder.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(1);
            o.NumMissedProbesLimit = 1;
            o.NumVotesForDeathDeclaration = 1;
            o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
        });
        siloBuilder.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(30));
    }
}
