using AgentOs.Kernel.Limits;

namespace AgentOs.Tests.Vm;

/// <summary>Host-started commands that find the VM's tables full wait their turn instead of failing.</summary>
public sealed class BurstTests
{
    [Fact]
    public async Task ABurstFarLargerThanTheTablesCompletesInFull()
    {
        // Each command holds two processes and two pipes for a tenth of a second: at most four run at once.
        await using var vm = await VmOptions.CreateVmAsync(new ResourceLimits { MaxProcesses = 8, MaxPipes = 12 });

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => vm.ExecAsync($"sleep 0.1; echo n{i}")));

        Assert.All(results, r => Assert.Equal(0, r.ExitCode));
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"n{i}\n"), results.Select(r => r.Stdout));
        var queue = vm.LimitUsage.Single(u => u.Limit == LimitNames.QueuedCommands);
        Assert.True(queue.HighWater > 0, "nothing ever waited");
        Assert.Equal(0, queue.Current);
    }

    [Fact]
    public async Task PastTheQueueCommandsFailNamingItAndAQueuedCommandCanBeCancelled()
    {
        await using var vm = await VmOptions.CreateVmAsync(new ResourceLimits { MaxProcesses = 2, MaxQueuedCommands = 1 });
        using var stopSleepers = new CancellationTokenSource();
        var sleepers = Enumerable.Range(0, 2).Select(_ => vm.RunAsync("sleep", ["60"], cancellationToken: stopSleepers.Token)).ToArray();
        await VmOptions.WaitUntilAsync(() => vm.Processes.Count == 2, "two sleeping processes");

        using var cancelQueued = new CancellationTokenSource();
        var queued = vm.RunAsync("true", cancellationToken: cancelQueued.Token);
        await VmOptions.WaitUntilAsync(() => vm.LimitUsage.Single(u => u.Limit == LimitNames.QueuedCommands).Current == 1, "one queued command");

        var refused = await Assert.ThrowsAsync<AgentOsSpawnException>(() => vm.RunAsync("true"));
        Assert.Equal("limits.resources.maxQueuedCommands", refused.LimitConfigPath);

        await cancelQueued.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        Assert.Equal(0, vm.LimitUsage.Single(u => u.Limit == LimitNames.QueuedCommands).Current);

        await stopSleepers.CancelAsync();
        foreach (var sleeper in sleepers)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sleeper);
        }

        Assert.Equal("ok\n", (await vm.RunAsync("echo", ["ok"])).Stdout);
    }

    [Fact]
    public async Task GuestSpawnsStillGetEagainAtTheProcessCap()
    {
        await using var vm = await VmOptions.CreateVmAsync(new ResourceLimits { MaxProcesses = 3 });

        var result = await vm.ExecAsync("sleep 5 & sleep 5 & sleep 5 & wait");

        Assert.Contains("Resource temporarily unavailable", result.Stderr, StringComparison.Ordinal);
    }
}
