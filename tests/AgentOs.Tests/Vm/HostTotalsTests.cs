using AgentOs.Kernel.Limits;

namespace AgentOs.Tests.Vm;

/// <summary>AgentOsHost: totals that bound many VMs together, claimed at creation and given back at dispose.</summary>
public sealed class HostTotalsTests
{
    private static readonly ResourceLimits Small = new() { MaxMemoryBytes = 32L << 20, MaxFilesystemBytes = 32L << 20, MaxCpuCores = 0.5 };

    [Fact]
    public async Task AVmPastTheMemoryTotalIsRefusedNamingItAndDisposingGivesItBack()
    {
        var host = new AgentOsHost(new AgentOsHostOptions { MaxTotalMemoryBytes = 150L << 20 });
        await using var first = await VmOptions.CreateVmAsync(Small, o => o.Host = host);
        var second = await VmOptions.CreateVmAsync(Small, o => o.Host = host);

        var refused = await Assert.ThrowsAsync<AgentOsHostCapacityException>(() => VmOptions.CreateVmAsync(Small, o => o.Host = host));
        Assert.Equal(AgentOsHost.MemoryConfigPath, refused.ConfigPath);
        Assert.Contains("host.maxTotalMemoryBytes", refused.Message, StringComparison.Ordinal);
        Assert.Equal(128L << 20, host.Usage.Single(u => u.ConfigPath == AgentOsHost.MemoryConfigPath).Current);

        await second.DisposeAsync();
        await using var third = await VmOptions.CreateVmAsync(Small, o => o.Host = host);
        Assert.Equal("ok\n", (await third.ExecAsync("echo ok")).Stdout);
    }

    [Fact]
    public async Task AVmPastTheCpuTotalIsRefusedNamingIt()
    {
        var host = new AgentOsHost(new AgentOsHostOptions { MaxTotalCpuCores = 1.2 });
        await using var first = await VmOptions.CreateVmAsync(Small, o => o.Host = host);
        await using var second = await VmOptions.CreateVmAsync(Small, o => o.Host = host);

        var refused = await Assert.ThrowsAsync<AgentOsHostCapacityException>(() => VmOptions.CreateVmAsync(Small, o => o.Host = host));

        Assert.Equal(AgentOsHost.CpuConfigPath, refused.ConfigPath);
        Assert.Equal(1000, host.Usage.Single(u => u.ConfigPath == AgentOsHost.CpuConfigPath).Current);
    }

    [Theory]
    [InlineData(0L, null)]
    [InlineData(-1L, null)]
    [InlineData(null, 0.0)]
    [InlineData(null, double.NaN)]
    public void InvalidTotalsAreConfigurationErrors(long? memory, double? cores)
    {
        var ex = Assert.Throws<LimitConfigurationException>(() => new AgentOsHost(new AgentOsHostOptions { MaxTotalMemoryBytes = memory, MaxTotalCpuCores = cores }));

        Assert.StartsWith("host.", ex.ConfigPath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AVmThatMayUseMoreMemoryThanTheMachineHasIsRefused()
    {
        var ex = await Assert.ThrowsAsync<LimitConfigurationException>(() => VmOptions.CreateVmAsync(new ResourceLimits { MaxFilesystemBytes = 1L << 40 }));

        Assert.Equal("limits.resources.maxFilesystemBytes", ex.ConfigPath);
    }
}
