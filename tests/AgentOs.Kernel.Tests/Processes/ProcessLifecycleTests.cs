using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Processes;

namespace AgentOs.Kernel.Tests.Processes;

public sealed class ProcessLifecycleTests
{
    [Fact]
    public void PidsAreSequentialFromOne()
    {
        var vm = new TestVm();
        var a = vm.Start();
        var b = vm.Start(a);
        var c = vm.Start(a);

        Assert.Equal([1, 2, 3], new[] { a.Pid, b.Pid, c.Pid });
        Assert.Equal(0, a.ParentPid);
        Assert.Equal(1, b.ParentPid);
    }

    [Fact]
    public void PidAllocationWrapsAtIntMaxAndSkipsPidsStillInTheTable()
    {
        var vm = new TestVm();
        var one = vm.Start();
        var two = vm.Start(one);
        vm.Table.Exit(two, ExitStatus.Exited(0)); // zombie: pid 2 stays taken
        vm.Table.NextPid = int.MaxValue;

        var max = vm.Start(one);
        var wrapped = vm.Start(one);

        Assert.Equal(int.MaxValue, max.Pid);
        Assert.Equal(3, wrapped.Pid);
    }

    [Fact]
    public void HostStartedProcessLeadsItsOwnGroupAndSessionAndChildInheritsThem()
    {
        var vm = new TestVm();
        var root = vm.Start(start: new ProcessStart("/bin/sh") { WorkingDirectory = "/work", Umask = 0x3f, Credentials = Credentials.Root });
        var child = vm.Start(root);

        Assert.Equal((1, 1), (root.Pgid, root.Sid));
        Assert.Equal((1, 1), (child.Pgid, child.Sid));
        Assert.Equal("/work", child.WorkingDirectory);
        Assert.Equal(0x3fu, child.Umask);
        Assert.Same(Credentials.Root, child.Credentials);
        Assert.Equal(ProcessState.Running, child.State);
    }

    [Fact]
    public void DefaultUmaskIs022AndDefaultCwdIsRoot()
    {
        var vm = new TestVm();
        var p = vm.Start();

        Assert.Equal(0x12u, p.Umask);
        Assert.Equal("/", p.WorkingDirectory);
    }

    [Fact]
    public void CreateAtProcessCapFailsWithEagainAndCreatesNothing()
    {
        var vm = new TestVm(maxProcesses: 2);
        var a = vm.Start();
        vm.Start(a);
        var nextPid = vm.Table.NextPid;

        var error = vm.TryStart(a, null, out _);

        Assert.Equal(Errno.EAGAIN, error);
        Assert.Equal(2, vm.Table.Count);
        Assert.Equal(2, vm.ProcessesGauge.Current);
        Assert.Equal(nextPid, vm.Table.NextPid);
        Assert.Equal(0, vm.OpenFds.Current);
    }

    [Fact]
    public void ZombiesCountTowardTheCapUntilReaped()
    {
        var vm = new TestVm(maxProcesses: 2);
        var parent = vm.Start();
        var child = vm.Start(parent);
        vm.Table.Exit(child, ExitStatus.Exited(0));

        Assert.Equal(Errno.EAGAIN, vm.TryStart(parent, null, out _));

        vm.WaitOk(parent, child.Pid);

        Assert.Equal(1, vm.ProcessesGauge.Current);
        Assert.Equal(Errno.Success, vm.TryStart(parent, null, out _));
    }

    [Fact]
    public void JoinGroupOutsideTheParentsSessionFailsWithEpermAndReleasesTheSlot()
    {
        var vm = new TestVm();
        var a = vm.Start();
        var b = vm.Start();

        var error = vm.TryStart(a, new ProcessStart("/bin/x") { GroupMode = ProcessGroupMode.JoinGroup, Pgid = b.Pgid }, out _);

        Assert.Equal(Errno.EPERM, error);
        Assert.Equal(2, vm.ProcessesGauge.Current);
        Assert.Equal(2, vm.Table.Count);
    }

    [Fact]
    public void ExitedChildStaysZombieUntilWaited()
    {
        var vm = new TestVm();
        var parent = vm.Start();
        var child = vm.Start(parent);

        vm.Table.Exit(child, ExitStatus.Exited(3));

        Assert.Equal(ProcessState.Zombie, child.State);
        Assert.True(child.IsTerminating);
        Assert.Same(child, vm.Table.Get(child.Pid));
        Assert.Contains(vm.Table.Snapshot(), i => i.Pid == child.Pid && i.State == ProcessState.Zombie && i.ExitTime is not null);
        Assert.True(child.Exited.IsCompleted);

        var result = vm.WaitOk(parent, child.Pid);

        Assert.Equal(new WaitResult(child.Pid, WaitEventKind.Exited, ExitStatus.Exited(3), 0), result);
        Assert.Null(vm.Table.Get(child.Pid));
    }

    [Fact]
    public void ExitCodeAndTerminatingSignalAreKeptSeparately()
    {
        var vm = new TestVm();
        var parent = vm.Start();
        var exited = vm.Start(parent);
        var killed = vm.Start(parent);

        vm.Table.Exit(exited, ExitStatus.Exited(137));
        Assert.Equal(Errno.Success, vm.Table.Kill(null, killed.Pid, Signals.SIGKILL));

        var a = vm.WaitOk(parent, exited.Pid).Status;
        var b = vm.WaitOk(parent, killed.Pid).Status;
        Assert.Equal((137, 0, false), (a.Code, a.Signal, a.CoreDumped));
        Assert.Equal((0, 9, false), (b.Code, b.Signal, b.CoreDumped));
        Assert.Equal(137 << 8, a.WaitStatus);
        Assert.Equal(9, b.WaitStatus);
        Assert.Equal(137, b.ShellStatus);
        Assert.Equal(0x80 | Signals.SIGSEGV, ExitStatus.Killed(Signals.SIGSEGV).WaitStatus);
        Assert.Equal(0, ExitStatus.Exited(256).Code);
    }

    [Fact]
    public void ExitIsIdempotentAndTheFirstStatusWins()
    {
        var vm = new TestVm();
        var parent = vm.Start();
        var child = vm.Start(parent);

        vm.Table.Kill(parent, child.Pid, Signals.SIGTERM);
        vm.Table.Exit(child, ExitStatus.Exited(0));

        Assert.Equal(ExitStatus.Killed(Signals.SIGTERM), vm.WaitOk(parent, -1).Status);
        Assert.Equal(1, vm.ProcessesGauge.Current);
    }

    [Fact]
    public async Task KillRacingExitLeavesOneStatusAndConsistentAccounting()
    {
        var vm = new TestVm(maxProcesses: 4);
        for (var i = 0; i < 200; i++)
        {
            var p = vm.Start();
            using var go = new ManualResetEventSlim();
            var exit = Task.Run(() =>
            {
                go.Wait();
                vm.Table.Exit(p, ExitStatus.Exited(5));
            });
            var kill = Task.Run(() =>
            {
                go.Wait();
                vm.Table.Kill(null, p.Pid, Signals.SIGKILL);
            });
            go.Set();
            await Task.WhenAll(exit, kill);

            var status = await p.Exited;
            Assert.True(status == ExitStatus.Exited(5) || status == ExitStatus.Killed(Signals.SIGKILL));
            Assert.Equal(status, p.ExitStatus);
            Assert.Equal(0, vm.ProcessesGauge.Current);
        }
    }

    [Fact]
    public void ChildrenOfAnExitingProcessAreReparentedToInit()
    {
        var vm = new TestVm();
        var init = vm.Start();
        var middle = vm.Start(init);
        var grandchild = vm.Start(middle);

        vm.Table.Exit(middle, ExitStatus.Exited(0));

        Assert.Equal(1, grandchild.ParentPid);
        vm.Table.Exit(grandchild, ExitStatus.Exited(4));
        Assert.Equal(ProcessState.Zombie, grandchild.State);
        Assert.Equal(grandchild.Pid, vm.WaitOk(init, grandchild.Pid).Pid);
    }

    [Fact]
    public void WithoutInitChildrenGoToTheHostAndAreReapedAtExit()
    {
        var vm = new TestVm();
        var init = vm.Start();
        vm.Table.Exit(init, ExitStatus.Exited(0)); // host-started: reaped at once
        var a = vm.Start();
        var b = vm.Start(a);

        vm.Table.Exit(a, ExitStatus.Exited(0));
        Assert.Equal(0, b.ParentPid);
        vm.Table.Exit(b, ExitStatus.Exited(0));

        Assert.Equal(0, vm.Table.Count);
        Assert.Equal(0, vm.ProcessesGauge.Current);
    }

    [Fact]
    public void ZombieChildrenAreReapedWhenTheirParentExits()
    {
        var vm = new TestVm();
        var parent = vm.Start();
        var child = vm.Start(parent);
        vm.Table.Exit(child, ExitStatus.Exited(0));
        Assert.Equal(2, vm.ProcessesGauge.Current);

        vm.Table.Exit(parent, ExitStatus.Exited(0));

        Assert.Equal(0, vm.Table.Count);
        Assert.Equal(0, vm.ProcessesGauge.Current);
    }

    [Fact]
    public async Task ExitClosesEveryDescriptorAndReturnsTheFdBudget()
    {
        var vm = new TestVm();
        var p = vm.Start();
        var shared = new TestDescription();
        var own = new TestDescription();
        Assert.Equal(Errno.Success, p.Fds.Add(shared, FdFlags.None, out _));
        Assert.Equal(Errno.Success, p.Fds.Add(shared, FdFlags.CloseOnExec, out _));
        Assert.Equal(Errno.Success, p.Fds.Add(own, FdFlags.None, out _));
        Assert.Equal(3, vm.OpenFds.Current);

        vm.Table.Exit(p, ExitStatus.Exited(0));
        await p.Exited;

        Assert.Equal(0, vm.OpenFds.Current);
        Assert.Equal(0, p.Fds.Count);
        Assert.Equal((1, 1), (shared.LastCloses, own.LastCloses));
    }

    [Fact]
    public void CommitExecReplacesTheImageInSnapshots()
    {
        var vm = new TestVm();
        var p = vm.Start(start: new ProcessStart("/bin/sh") { Arguments = ["sh"] });

        vm.Table.CommitExec(p, "/bin/ls", ["ls", "-l"], ["PWD=/"]);

        var info = Assert.Single(vm.Table.Snapshot());
        Assert.Equal("/bin/ls", info.Command);
        Assert.Equal(["ls", "-l"], info.Arguments);
        Assert.Equal(["PWD=/"], p.Environment);
    }
}
