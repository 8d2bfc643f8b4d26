using System.Collections.Concurrent;
using AgentOs.Kernel.Limits;

namespace AgentOs.Tests.Vm;

/// <summary>limits.resources.maxMemoryBytes: the linear memory of all the VM's processes together.</summary>
public sealed class MemoryBudgetTests
{
    private const string MemoryBomb = "awk 'BEGIN { s = \"x\"; while (1) s = s s }'";

    [Fact]
    public async Task AMemoryBombFailsAtTheVmBudgetWarnsOnceAndTheVmServesAfter()
    {
        // Each process may have 128 MiB, but the VM only 48 MiB in all.
        await using var vm = await VmOptions.CreateVmAsync(new ResourceLimits { MaxMemoryBytes = 48L << 20 });
        var warnings = new ConcurrentQueue<LimitWarning>();
        vm.LimitWarning += (_, warning) => warnings.Enqueue(warning);

        var bomb = await vm.ExecAsync(MemoryBomb);

        Assert.NotEqual(0, bomb.ExitCode);
        var gauge = vm.LimitUsage.Single(u => u.Limit == LimitNames.MemoryBytes);
        Assert.Equal("limits.resources.maxMemoryBytes", gauge.ConfigPath);
        Assert.Equal(48L << 20, gauge.Capacity);
        Assert.True(gauge.HighWater >= gauge.Capacity * 8 / 10, $"high water {gauge.HighWater}");
        Assert.Equal(0, gauge.Current);
        Assert.Single(warnings, w => w.Limit == LimitNames.MemoryBytes);
        Assert.Equal("ok\n", (await vm.ExecAsync("echo ok")).Stdout);
    }

    [Fact]
    public async Task SeveralProcessesEachUnderTheirOwnCapShareTheVmBudget()
    {
        await using var vm = await VmOptions.CreateVmAsync(new ResourceLimits { MaxMemoryBytes = 64L << 20, MaxWasmMemoryBytes = 48L << 20 });

        var result = await vm.ExecAsync($"for i in 1 2 3; do {MemoryBomb} & done; wait; echo done");

        Assert.Equal("done\n", result.Stdout);
        var gauge = vm.LimitUsage.Single(u => u.Limit == LimitNames.MemoryBytes);
        Assert.True(gauge.HighWater <= 64L << 20, $"high water {gauge.HighWater}");
        Assert.Equal(0, gauge.Current);
        Assert.Equal("ok\n", (await vm.ExecAsync("echo ok")).Stdout);
    }

    [Fact]
    public async Task AnInvalidBudgetIsAConfigurationErrorNamingIt()
    {
        var ex = await Assert.ThrowsAsync<LimitConfigurationException>(() => VmOptions.CreateVmAsync(new ResourceLimits { MaxMemoryBytes = 0 }));

        Assert.Equal("limits.resources.maxMemoryBytes", ex.ConfigPath);
    }
}
