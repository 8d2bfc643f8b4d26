using AgentOs.Kernel.Processes;

namespace AgentOs.Integration.Tests;

/// <summary>Signals end guests promptly, even inside a blocking kernel wait, and shells see 128+signal.</summary>
public sealed class SignalTests
{
    [Fact]
    public async Task KillingABlockedChildReportsTheSignalToItsShell()
    {
        using var vm = await TestVm.CreateAsync();

        var run = vm.ShAsync("sleep 30; echo status=$?");
        var sleeper = await WaitForAsync(vm, "sleep");
        Assert.Equal(AgentOs.Kernel.Errno.Success, vm.Kernel.Processes.Kill(null, sleeper.Pid, Signals.SIGKILL));
        var result = await run.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal("status=137\n", result.Stdout);
    }

    [Fact]
    public async Task SigtermEndsAReaderBlockedOnAnEmptyPipe()
    {
        using var vm = await TestVm.CreateAsync();

        // cat blocks in fd_read on a pipe whose writer (the shell's sleep) never writes.
        var run = vm.ShAsync("sleep 30 | cat; echo after");
        var cat = await WaitForAsync(vm, "cat");
        var sleeper = await WaitForAsync(vm, "sleep");
        vm.Kernel.Processes.Kill(null, cat.Pid, Signals.SIGTERM);
        vm.Kernel.Processes.Kill(null, sleeper.Pid, Signals.SIGTERM);
        var result = await run.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal("after\n", result.Stdout);
    }

    [Fact]
    public async Task AWriterWhoseReaderIsGoneDiesOfSigpipe()
    {
        using var vm = await TestVm.CreateAsync();

        var result = await vm.ShAsync("yes | head -n 2");

        Assert.Equal("y\ny\n", result.Stdout);
        Assert.Equal(0, result.Code);
    }

    private static async Task<ProcessInfo> WaitForAsync(TestVm vm, string command)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var found = vm.Kernel.Processes.Snapshot().FirstOrDefault(p => p.Command.EndsWith("/" + command, StringComparison.Ordinal) && p.State == ProcessState.Running);
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("no process " + command);
    }
}
