using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Processes;

namespace AgentOs.Kernel.Tests.Processes;

public sealed class SignalTests
{
    private static readonly Credentials OtherUser = new(1001, 1001, 1001, 1001, [1001]);

    [Fact]
    public async Task SigkillTerminatesAtOnceCancelsTheTokenAndClosesFds()
    {
        var vm = new TestVm();
        var parent = vm.Start();
        var child = vm.Start(parent);
        Assert.Equal(Errno.Success, child.Fds.Add(new TestDescription(), FdFlags.None, out _));

        Assert.Equal(Errno.Success, vm.Table.Kill(parent, child.Pid, Signals.SIGKILL));

        Assert.True(child.Interrupted.IsCancellationRequested);
        Assert.True(child.IsTerminating);
        Assert.Equal(ExitStatus.Killed(Signals.SIGKILL), await child.Exited);
        Assert.Equal(0, vm.OpenFds.Current);
        Assert.False(parent.Interrupted.IsCancellationRequested);
    }

    [Fact]
    public void SigtermTerminatesWithThatSignal()
    {
        var vm = new TestVm();
        var parent = vm.Start();
        var child = vm.Start(parent);

        vm.Table.Kill(parent, child.Pid, Signals.SIGTERM);

        Assert.Equal(ExitStatus.Killed(Signals.SIGTERM), vm.WaitOk(parent, child.Pid).Status);
    }

    [Fact]
    public void CoreDumpingSignalsSetTheCoreFlag()
    {
        var vm = new TestVm();
        var p = vm.Start();

        vm.Table.Kill(null, p.Pid, Signals.SIGQUIT);

        Assert.Equal(new ExitStatus(0, Signals.SIGQUIT, true), p.ExitStatus);
    }

    [Theory]
    [InlineData(Signals.SIGCHLD)]
    [InlineData(Signals.SIGWINCH)]
    [InlineData(Signals.SIGURG)]
    [InlineData(Signals.SIGCONT)]
    public void DefaultIgnoredSignalsAreDiscarded(int signal)
    {
        var vm = new TestVm();
        var p = vm.Start();

        Assert.Equal(Errno.Success, vm.Table.Kill(null, p.Pid, signal));

        Assert.Equal(ProcessState.Running, p.State);
        Assert.Equal(0UL, p.PendingSignals);
    }

    [Fact]
    public void InheritedIgnoreSurvivesSpawnUnlessResetToDefault()
    {
        var vm = new TestVm();
        var parent = vm.Start(start: new ProcessStart("/bin/nohup") { Credentials = Credentials.AgentOsUser, IgnoredSignals = Signals.Bit(Signals.SIGHUP) });
        var inherits = vm.Start(parent);
        var reset = vm.Start(parent, new ProcessStart("/bin/x") { ResetToDefault = Signals.Bit(Signals.SIGHUP) });

        Assert.Equal(SignalDisposition.Ignore, inherits.GetDisposition(Signals.SIGHUP));
        vm.Table.Kill(null, inherits.Pid, Signals.SIGHUP);
        vm.Table.Kill(null, reset.Pid, Signals.SIGHUP);

        Assert.Equal(ProcessState.Running, inherits.State);
        Assert.Equal(ExitStatus.Killed(Signals.SIGHUP), reset.ExitStatus);
    }

    [Fact]
    public void SigkillCannotBeIgnored()
    {
        var vm = new TestVm();
        var p = vm.Start(start: new ProcessStart("/bin/x") { Credentials = Credentials.Root, IgnoredSignals = ulong.MaxValue });

        vm.Table.Kill(null, p.Pid, Signals.SIGTERM);
        Assert.Equal(ProcessState.Running, p.State);
        vm.Table.Kill(null, p.Pid, Signals.SIGKILL);

        Assert.Equal(ExitStatus.Killed(Signals.SIGKILL), p.ExitStatus);
    }

    [Fact]
    public void BlockedSignalIsPendingAndCoalescesThenActsOnUnblock()
    {
        var vm = new TestVm();
        var p = vm.Start();
        var set = Signals.Bit(Signals.SIGUSR1) | Signals.Bit(Signals.SIGTERM);
        Assert.Equal(Errno.Success, vm.Table.SetSignalMask(p, SigMaskHow.Block, set, out var old));
        Assert.Equal(0UL, old);

        vm.Table.Kill(null, p.Pid, Signals.SIGUSR1);
        vm.Table.Kill(null, p.Pid, Signals.SIGUSR1);
        vm.Table.Kill(null, p.Pid, Signals.SIGWINCH);
        Assert.Equal(ProcessState.Running, p.State);
        Assert.Equal(Signals.Bit(Signals.SIGUSR1), p.PendingSignals);

        Assert.Equal(Errno.Success, vm.Table.SetSignalMask(p, SigMaskHow.Unblock, Signals.Bit(Signals.SIGUSR1), out old));

        Assert.Equal(set, old);
        Assert.Equal(ExitStatus.Killed(Signals.SIGUSR1), p.ExitStatus);
        Assert.True(p.Interrupted.IsCancellationRequested);
    }

    [Fact]
    public void SpawnedChildStartsWithTheGivenMaskAndNoPendingSignals()
    {
        var vm = new TestVm();
        var parent = vm.Start();
        vm.Table.SetSignalMask(parent, SigMaskHow.SetMask, Signals.Bit(Signals.SIGINT), out _);
        vm.Table.Kill(null, parent.Pid, Signals.SIGINT);

        var inherits = vm.Start(parent);
        var explicitMask = vm.Start(parent, new ProcessStart("/bin/x") { BlockedSignals = Signals.Bit(Signals.SIGTERM) | Signals.Unblockable });

        Assert.Equal(Signals.Bit(Signals.SIGINT), inherits.BlockedSignals);
        Assert.Equal(0UL, inherits.PendingSignals);
        Assert.Equal(Signals.Bit(Signals.SIGTERM), explicitMask.BlockedSignals);
    }

    [Fact]
    public void SignalMaskNeverBlocksSigkillOrSigstop()
    {
        var vm = new TestVm();
        var p = vm.Start();

        Assert.Equal(Errno.Success, vm.Table.SetSignalMask(p, SigMaskHow.SetMask, ulong.MaxValue, out _));
        Assert.Equal(Errno.Success, vm.Table.SetSignalMask(p, SigMaskHow.Query, 0, out var mask));
        Assert.Equal(ulong.MaxValue & ~Signals.Unblockable, mask);
        Assert.Equal(Errno.EINVAL, vm.Table.SetSignalMask(p, (SigMaskHow)4, 0, out _));

        vm.Table.Kill(null, p.Pid, Signals.SIGSTOP);
        Assert.Equal(ProcessState.Stopped, p.State);
        vm.Table.Kill(null, p.Pid, Signals.SIGKILL);
        Assert.Equal(ExitStatus.Killed(Signals.SIGKILL), p.ExitStatus);
    }

    [Fact]
    public void StoppingAChildSendsSigchldToTheParent()
    {
        var vm = new TestVm();
        var parent = vm.Start();
        vm.Table.SetSignalMask(parent, SigMaskHow.Block, Signals.Bit(Signals.SIGCHLD), out _);
        var child = vm.Start(parent);

        vm.Table.Kill(null, child.Pid, Signals.SIGSTOP);

        Assert.Equal(Signals.Bit(Signals.SIGCHLD), parent.PendingSignals);
    }

    [Fact]
    public void KillToAGroupSignalsEveryMember()
    {
        var vm = new TestVm();
        var shell = vm.Start();
        var leader = vm.Start(shell, new ProcessStart("/bin/x") { GroupMode = ProcessGroupMode.NewGroup });
        var member = vm.Start(shell, new ProcessStart("/bin/x") { GroupMode = ProcessGroupMode.JoinGroup, Pgid = leader.Pid });

        Assert.Equal(Errno.Success, vm.Table.Kill(shell, -leader.Pid, Signals.SIGTERM));

        Assert.Equal(ProcessState.Zombie, leader.State);
        Assert.Equal(ProcessState.Zombie, member.State);
        Assert.Equal(ProcessState.Running, shell.State);
    }

    [Fact]
    public void KillZeroSignalsTheSendersOwnGroup()
    {
        var vm = new TestVm();
        var shell = vm.Start();
        var job = vm.Start(shell, new ProcessStart("/bin/x") { GroupMode = ProcessGroupMode.NewGroup });
        var sameGroup = vm.Start(job);

        Assert.Equal(Errno.Success, vm.Table.Kill(job, 0, Signals.SIGINT));

        Assert.Equal(ProcessState.Zombie, job.State);
        Assert.Equal(ProcessState.Zombie, sameGroup.State);
        Assert.Equal(ProcessState.Running, shell.State);
    }

    [Fact]
    public void KillMinusOneSparesInitAndTheSender()
    {
        var vm = new TestVm();
        var init = vm.Start();
        var sender = vm.Start(init);
        var other = vm.Start(init);

        Assert.Equal(Errno.Success, vm.Table.Kill(sender, -1, Signals.SIGTERM));

        Assert.Equal(ProcessState.Running, init.State);
        Assert.Equal(ProcessState.Running, sender.State);
        Assert.Equal(ProcessState.Zombie, other.State);
    }

    [Fact]
    public void KillErrors()
    {
        var vm = new TestVm();
        var p = vm.Start();

        Assert.Equal(Errno.ESRCH, vm.Table.Kill(p, 99, Signals.SIGTERM));
        Assert.Equal(Errno.ESRCH, vm.Table.Kill(p, -99, Signals.SIGTERM));
        Assert.Equal(Errno.ESRCH, vm.Table.Kill(null, 0, Signals.SIGTERM));
        Assert.Equal(Errno.EINVAL, vm.Table.Kill(p, p.Pid, 65));
        Assert.Equal(Errno.EINVAL, vm.Table.Kill(p, p.Pid, -1));
        Assert.Equal(ProcessState.Running, p.State);
    }

    [Fact]
    public void SignalZeroProbesExistenceAndPermissionWithoutEffect()
    {
        var vm = new TestVm();
        var mine = vm.Start();
        var theirs = vm.StartAs(OtherUser);

        Assert.Equal(Errno.Success, vm.Table.Kill(mine, mine.Pid, 0));
        Assert.Equal(Errno.EPERM, vm.Table.Kill(mine, theirs.Pid, 0));
        Assert.Equal(Errno.ESRCH, vm.Table.Kill(mine, 42, 0));
        Assert.Equal(ProcessState.Running, mine.State);
    }

    [Fact]
    public void OtherUsersProcessesCannotBeSignalledButRootCan()
    {
        var vm = new TestVm();
        var user = vm.Start();
        var other = vm.StartAs(OtherUser);
        var root = vm.StartAs(Credentials.Root);

        Assert.Equal(Errno.EPERM, vm.Table.Kill(user, other.Pid, Signals.SIGKILL));
        Assert.Equal(Errno.EPERM, vm.Table.Kill(user, -other.Pgid, Signals.SIGKILL));
        Assert.Equal(ProcessState.Running, other.State);

        Assert.Equal(Errno.Success, vm.Table.Kill(root, other.Pid, Signals.SIGKILL));
        Assert.Equal(ProcessState.Zombie, other.State);
    }

    [Fact]
    public void ExitOrphaningAGroupWithStoppedMembersSendsHangupAndContinue()
    {
        var vm = new TestVm();
        var shell = vm.Start();
        var job = vm.Start(shell, new ProcessStart("/bin/x") { GroupMode = ProcessGroupMode.NewGroup });
        var survivor = vm.Start(shell, new ProcessStart("/bin/x") { GroupMode = ProcessGroupMode.NewGroup, IgnoredSignals = Signals.Bit(Signals.SIGHUP) });
        vm.Table.Kill(shell, job.Pid, Signals.SIGSTOP);
        vm.Table.Kill(shell, survivor.Pid, Signals.SIGSTOP);

        vm.Table.Exit(shell, ExitStatus.Exited(0));

        Assert.Equal(ExitStatus.Killed(Signals.SIGHUP), job.ExitStatus);
        Assert.Equal(ProcessState.Running, survivor.State);
    }
}
