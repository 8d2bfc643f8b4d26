using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Processes;

namespace AgentOs.Kernel.Tests.Processes;

public sealed class TerminateAllTests
{
    [Fact]
    public void TerminateAllEndsEveryProcessAndFreesTheTable()
    {
        var vm = new TestVm();
        var shell = vm.Start();
        var child = vm.Start(shell);
        var stubborn = vm.Start(child);
        vm.Table.SetSignalMask(stubborn, SigMaskHow.Block, ulong.MaxValue, out _);
        var stopped = vm.Start(shell);
        vm.Table.Kill(null, stopped.Pid, Signals.SIGSTOP);
        Assert.Equal(Errno.Success, stubborn.Fds.Add(new TestDescription(), FdFlags.None, out _));

        vm.Table.TerminateAll(TimeSpan.FromMilliseconds(50));

        // The shell dies first, orphaning its group, whose stopped member makes the survivors get SIGHUP.
        Assert.Equal(ExitStatus.Killed(Signals.SIGTERM), shell.ExitStatus);
        Assert.True(child.ExitStatus!.Value.IsSignaled);
        Assert.True(stopped.ExitStatus!.Value.IsSignaled);
        Assert.Equal(ExitStatus.Killed(Signals.SIGKILL), stubborn.ExitStatus);
        Assert.Equal(0, vm.Table.Count);
        Assert.Equal(0, vm.ProcessesGauge.Current);
        Assert.Equal(0, vm.OpenFds.Current);
        Assert.Equal(Errno.EAGAIN, vm.TryStart(null, null, out _));
    }
}
