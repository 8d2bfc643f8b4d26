using AgentOs.Kernel.Processes;
using AgentOs.Kernel.Threading;

namespace AgentOs.Kernel.Tests.Processes;

public sealed class WaitTests
{
    [Fact]
    public void WaitForASpecificPidReapsOnlyThatChild()
    {
        var vm = new TestVm();
        var parent = vm.Start();
        var a = vm.Start(parent);
        var b = vm.Start(parent);
        vm.Table.Exit(a, ExitStatus.Exited(1));
        vm.Table.Exit(b, ExitStatus.Exited(2));

        var result = vm.WaitOk(parent, b.Pid);

        Assert.Equal((b.Pid, 2), (result.Pid, result.Status.Code));
        Assert.Null(vm.Table.Get(b.Pid));
        Assert.Equal(ProcessState.Zombie, vm.Table.Get(a.Pid)!.State);
    }

    [Fact]
    public void WaitAnyReapsZombiesInExitOrder()
    {
        var vm = new TestVm();
        var parent = vm.Start();
        var a = vm.Start(parent);
        var b = vm.Start(parent);
        vm.Table.Exit(b, ExitStatus.Exited(0));
        vm.Table.Exit(a, ExitStatus.Exited(0));

        Assert.Equal(b.Pid, vm.WaitOk(parent, -1).Pid);
        Assert.Equal(a.Pid, vm.WaitOk(parent, -1).Pid);
        Assert.Equal(Errno.ECHILD, vm.Table.Wait(parent, -1, WaitOptions.None, TestVm.Forever, out _));
    }

    [Fact]
    public void WaitZeroMatchesChildrenInTheCallersGroupOnly()
    {
        var vm = new TestVm();
        var parent = vm.Start();
        var sameGroup = vm.Start(parent);
        var otherGroup = vm.Start(parent, new ProcessStart("/bin/x") { GroupMode = ProcessGroupMode.NewGroup });
        vm.Table.Exit(otherGroup, ExitStatus.Exited(0));

        var error = vm.Table.Wait(parent, 0, WaitOptions.NoHang, TestVm.Forever, out var result);
        Assert.Equal((Errno.Success, 0), (error, result.Pid));

        vm.Table.Exit(sameGroup, ExitStatus.Exited(0));
        Assert.Equal(sameGroup.Pid, vm.WaitOk(parent, 0).Pid);
    }

    [Fact]
    public void WaitMinusPgidMatchesThatGroup()
    {
        var vm = new TestVm();
        var parent = vm.Start();
        var leader = vm.Start(parent, new ProcessStart("/bin/x") { GroupMode = ProcessGroupMode.NewGroup });
        var member = vm.Start(parent, new ProcessStart("/bin/x") { GroupMode = ProcessGroupMode.JoinGroup, Pgid = leader.Pid });
        var outsider = vm.Start(parent);
        vm.Table.Exit(outsider, ExitStatus.Exited(0));
        vm.Table.Exit(member, ExitStatus.Exited(0));

        Assert.Equal(member.Pid, vm.WaitOk(parent, -leader.Pid).Pid);
        Assert.Equal(Errno.Success, vm.Table.Wait(parent, -leader.Pid, WaitOptions.NoHang, TestVm.Forever, out var none));
        Assert.Equal(0, none.Pid);
    }

    [Fact]
    public void WaitWithoutMatchingChildrenFailsWithEchild()
    {
        var vm = new TestVm();
        var parent = vm.Start();
        var stranger = vm.Start();
        var grandparent = vm.Start();
        var child = vm.Start(grandparent);
        vm.Start(child);

        Assert.Equal(Errno.ECHILD, vm.Table.Wait(parent, -1, WaitOptions.None, TestVm.Forever, out _));
        Assert.Equal(Errno.ECHILD, vm.Table.Wait(parent, stranger.Pid, WaitOptions.None, TestVm.Forever, out _));
        Assert.Equal(Errno.ECHILD, vm.Table.Wait(grandparent, child.Pid + 1, WaitOptions.None, TestVm.Forever, out _));
        Assert.Equal(Errno.EINVAL, vm.Table.Wait(grandparent, -1, (WaitOptions)4, TestVm.Forever, out _));
    }

    [Fact]
    public void NoHangReturnsPidZeroWhileTheChildRuns()
    {
        var vm = new TestVm();
        var parent = vm.Start();
        var child = vm.Start(parent);

        var error = vm.Table.Wait(parent, child.Pid, WaitOptions.NoHang, TestVm.Forever, out var result);

        Assert.Equal(Errno.Success, error);
        Assert.Equal(new WaitResult(0, WaitEventKind.None, default, 0), result);
        Assert.Equal(0, result.WaitStatus);
    }

    [Fact]
    public async Task BlockedWaitIsWokenByAChildExitingOnAnotherThread()
    {
        var vm = new TestVm();
        var parent = vm.Start();
        var child = vm.Start(parent);
        var sibling = vm.Start(parent);

        var waiter = Task.Factory.StartNew(
            () => (vm.Table.Wait(parent, child.Pid, WaitOptions.None, TestVm.Forever, out var r), r),
            TaskCreationOptions.LongRunning);
        vm.UntilWaiterBlocked();

        // The table stays usable by other processes while the parent waits.
        vm.Table.Exit(sibling, ExitStatus.Exited(0));
        Assert.Equal(Errno.Success, vm.TryStart(child, null, out _));
        Assert.False(waiter.IsCompleted);

        await Task.Run(() => vm.Table.Exit(child, ExitStatus.Exited(7)));
        var (error, result) = await waiter.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(Errno.Success, error);
        Assert.Equal((child.Pid, 7), (result.Pid, result.Status.Code));
    }

    [Fact]
    public async Task BlockedWaitEndsWithEintrWhenCancelled()
    {
        var vm = new TestVm();
        var parent = vm.Start();
        vm.Start(parent);
        using var cts = new CancellationTokenSource();

        var waiter = Task.Factory.StartNew(
            () => vm.Table.Wait(parent, -1, WaitOptions.None, new WaitContext(cts.Token), out _),
            TaskCreationOptions.LongRunning);
        vm.UntilWaiterBlocked();
        await cts.CancelAsync();

        Assert.Equal(Errno.EINTR, await waiter.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task KillingAWaitingParentInterruptsItsWait()
    {
        var vm = new TestVm();
        var parent = vm.Start();
        vm.Start(parent);

        var waiter = Task.Factory.StartNew(
            () => vm.Table.Wait(parent, -1, WaitOptions.None, new WaitContext(parent.Interrupted), out _),
            TaskCreationOptions.LongRunning);
        vm.UntilWaiterBlocked();
        Assert.Equal(Errno.Success, vm.Table.Kill(null, parent.Pid, Signals.SIGKILL));

        Assert.Equal(Errno.EINTR, await waiter.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void StopAndContinueAreReportedOnceWithUntracedAndContinued()
    {
        var vm = new TestVm();
        var parent = vm.Start();
        var child = vm.Start(parent);

        Assert.Equal(Errno.Success, vm.Table.Kill(parent, child.Pid, Signals.SIGSTOP));
        Assert.Equal(ProcessState.Stopped, child.State);
        Assert.Equal(0, NoHang(vm, parent, WaitOptions.None).Pid);

        var stopped = vm.WaitOk(parent, child.Pid, WaitOptions.Untraced);
        Assert.Equal((child.Pid, WaitEventKind.Stopped, Signals.SIGSTOP), (stopped.Pid, stopped.Kind, stopped.StopSignal));
        Assert.Equal((Signals.SIGSTOP << 8) | 0x7f, stopped.WaitStatus);
        Assert.Equal(0, NoHang(vm, parent, WaitOptions.Untraced).Pid);

        Assert.Equal(Errno.Success, vm.Table.Kill(parent, child.Pid, Signals.SIGCONT));
        Assert.Equal(ProcessState.Running, child.State);
        Assert.Equal(0, NoHang(vm, parent, WaitOptions.Untraced).Pid);
        var continued = vm.WaitOk(parent, -1, WaitOptions.Continued);
        Assert.Equal((child.Pid, WaitEventKind.Continued, 0xffff), (continued.Pid, continued.Kind, continued.WaitStatus));
        Assert.Equal(0, NoHang(vm, parent, WaitOptions.Continued).Pid);
    }

    [Fact]
    public void TerminalStopSignalsStopAndSigkillEndsAStoppedProcess()
    {
        var vm = new TestVm();
        var parent = vm.Start();
        var child = vm.Start(parent);

        vm.Table.Kill(parent, child.Pid, Signals.SIGTSTP);
        Assert.Equal(Signals.SIGTSTP, vm.WaitOk(parent, -1, WaitOptions.Untraced).StopSignal);

        vm.Table.Kill(parent, child.Pid, Signals.SIGKILL);
        Assert.Equal(ExitStatus.Killed(Signals.SIGKILL), vm.WaitOk(parent, -1, WaitOptions.Untraced).Status);
    }

    [Fact]
    public void WaitWhileStoppedReturnsAtOnceWhenRunningAndEintrWhenKilled()
    {
        var vm = new TestVm();
        var p = vm.Start();
        Assert.Equal(Errno.Success, p.WaitWhileStopped(new WaitContext(p.Interrupted)));

        vm.Table.Kill(null, p.Pid, Signals.SIGSTOP);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Equal(Errno.EINTR, p.WaitWhileStopped(new WaitContext(cancelled.Token)));

        vm.Table.Kill(null, p.Pid, Signals.SIGKILL);
        Assert.Equal(Errno.EINTR, p.WaitWhileStopped(TestVm.Forever));
    }

    [Fact]
    public async Task WaitWhileStoppedReturnsWhenContinuedFromAnotherThread()
    {
        var vm = new TestVm();
        var p = vm.Start();
        vm.Table.Kill(null, p.Pid, Signals.SIGSTOP);

        var stopped = Task.Factory.StartNew(() => p.WaitWhileStopped(new WaitContext(p.Interrupted)), TaskCreationOptions.LongRunning);
        await Task.Run(() => vm.Table.Kill(null, p.Pid, Signals.SIGCONT));

        Assert.Equal(Errno.Success, await stopped.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(ProcessState.Running, p.State);
    }

    private static WaitResult NoHang(TestVm vm, Process parent, WaitOptions options)
    {
        Assert.Equal(Errno.Success, vm.Table.Wait(parent, -1, options | WaitOptions.NoHang, TestVm.Forever, out var result));
        return result;
    }
}
