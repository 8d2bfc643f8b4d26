using AgentOs.Kernel.Limits;

namespace AgentOs.Tests.Vm;

/// <summary>Timeouts, cancellation and waiting: what ends a command, and what it leaves alone.</summary>
public sealed class TimeAndSignalTests
{
    [Fact]
    public async Task CancellingTheFirstCommandLeavesTheCommandBesideItRunning()
    {
        await using var vm = await VmOptions.CreateVmAsync();
        using var cancel = new CancellationTokenSource();

        // The first command is pid 1: its group kill must not turn into kill(-1), the broadcast.
        var first = vm.ExecAsync("echo first; sleep 60", cancellationToken: cancel.Token);
        await VmOptions.WaitUntilAsync(() => vm.Kernel.Processes.Snapshot().Any(p => p.Command.EndsWith("sleep", StringComparison.Ordinal)), "the first command's sleep");
        var second = vm.ExecAsync("sleep 1; echo second survived");
        await VmOptions.WaitUntilAsync(() => vm.Kernel.Processes.Snapshot().Count(p => p.Command.EndsWith("sleep", StringComparison.Ordinal)) == 2, "both sleeps");

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        var result = await second;
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("second survived\n", result.Stdout);
    }

    [Fact]
    public async Task TimeoutKillsTheCommandKeepsItsOutputAndTheVmServes()
    {
        await using var vm = await VmOptions.CreateVmAsync();

        var result = await vm.ExecAsync("echo start; sleep 60; echo after", new ExecOptions { Timeout = TimeSpan.FromMilliseconds(500) });

        Assert.True(result.TimedOut);
        Assert.Equal(137, result.ExitCode);
        Assert.Equal("start\n", result.Stdout);
        Assert.Equal("ok\n", (await vm.ExecAsync("echo ok")).Stdout);
        Assert.False((await vm.ExecAsync("true", new ExecOptions { Timeout = TimeSpan.FromMinutes(1) })).TimedOut);
    }

    [Fact]
    public async Task ANonPositiveTimeoutIsRefused()
    {
        await using var vm = await VmOptions.CreateVmAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => vm.ExecAsync("true", new ExecOptions { Timeout = TimeSpan.Zero }));
    }

    [Fact]
    public async Task AShellWaitingForItsChildUsesAlmostNoCpu()
    {
        await using var vm = await VmOptions.CreateVmAsync();

        // brush polls waitpid(WNOHANG) while it waits; before the kernel parked it, this used a whole core (≈ 1 s).
        var result = await vm.ExecAsync("sleep 1; echo done");

        Assert.Equal("done\n", result.Stdout);
        Assert.True(vm.CpuTime < TimeSpan.FromMilliseconds(500), $"the VM used {vm.CpuTime} of CPU");
    }

    [Fact]
    public async Task ACpuShareBelowOneCoreThrottlesABusyCommand()
    {
        await using var vm = await VmOptions.CreateVmAsync(new ResourceLimits { MaxCpuCores = 0.2 });

        var result = await vm.ExecAsync("awk 'BEGIN { for (i = 0; i < 2000000; i++) s += i; print s }'");

        Assert.Equal("1999999000000\n", result.Stdout);
        Assert.True(vm.CpuThrottledTime > TimeSpan.Zero, $"used {vm.CpuTime} without being throttled");
        Assert.Equal("ok\n", (await vm.ExecAsync("echo ok")).Stdout);
    }
}
