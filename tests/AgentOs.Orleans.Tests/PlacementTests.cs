namespace AgentOs.Orleans.Tests;

/// <summary>Placement on two silos whose host totals hold two VMs each.</summary>
public sealed class PlacementTests(FullClusterFixture fixture) : IClassFixture<FullClusterFixture>
{
    [Fact]
    public async Task Vms_spread_over_silos_and_a_full_cluster_refuses_more()
    {
        var grains = fixture.Cluster.Client;
        var silos = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var vm = await grains.CreateVmAsync($"placed-{i}", FullClusterFixture.Settings);
            silos.Add((await vm.GetStatusAsync()).Silo);
        }

        Assert.All(silos.GroupBy(s => s), g => Assert.Equal(2, g.Count()));
        Assert.Equal(2, silos.Distinct().Count());

        var error = await Assert.ThrowsAnyAsync<Exception>(() => grains.CreateVmAsync("placed-4", FullClusterFixture.Settings));
        Assert.Contains("no silo has room", error.ToString(), StringComparison.Ordinal);

        var listed = await grains.ListVmsAsync();
        Assert.Equal(["placed-0", "placed-1", "placed-2", "placed-3"], listed.Select(v => v.Name));
    }
}
