using AgentOs.Kernel.Processes;

namespace AgentOs.Kernel.Tests.Processes;

public sealed class GroupTests
{
    [Fact]
    public void SetPgidMovesAChildIntoANewOrExistingGroupOfTheSession()
    {
        var vm = new TestVm();
        var shell = vm.Start();
        var a = vm.Start(shell);
        var b = vm.Start(shell);

        Assert.Equal(Errno.Success, vm.Table.SetPgid(shell, a.Pid, 0));
        Assert.Equal(Errno.Success, vm.Table.SetPgid(b, 0, a.Pid));

        Assert.Equal((a.Pid, a.Pid), (a.Pgid, b.Pgid));
        Assert.Equal(Errno.Success, vm.Table.GetPgid(shell, b.Pid, out var pgid));
        Assert.Equal(a.Pid, pgid);
        Assert.Equal(Errno.Success, vm.Table.GetPgid(b, 0, out pgid));
        Assert.Equal(a.Pid, pgid);
    }

    [Fact]
    public void SetPgidRules()
    {
        var vm = new TestVm();
        var shell = vm.Start();
        var child = vm.Start(shell);
        var grandchild = vm.Start(child);
        var stranger = vm.Start();

        Assert.Equal(Errno.EINVAL, vm.Table.SetPgid(shell, child.Pid, -1));
        Assert.Equal(Errno.ESRCH, vm.Table.SetPgid(shell, grandchild.Pid, 0));
        Assert.Equal(Errno.ESRCH, vm.Table.SetPgid(shell, stranger.Pid, 0));
        Assert.Equal(Errno.EPERM, vm.Table.SetPgid(shell, 0, 0)); // session leader
        Assert.Equal(Errno.EPERM, vm.Table.SetPgid(shell, child.Pid, 77)); // no such group
        Assert.Equal(Errno.EPERM, vm.Table.SetPgid(shell, child.Pid, stranger.Pid)); // group of another session
        Assert.Equal(shell.Pid, child.Pgid);
    }

    [Fact]
    public void SetSidMakesANewSessionAndIsRefusedToGroupLeaders()
    {
        var vm = new TestVm();
        var shell = vm.Start();
        var child = vm.Start(shell);
        var leader = vm.Start(shell, new ProcessStart("/bin/x") { GroupMode = ProcessGroupMode.NewGroup });

        Assert.Equal(Errno.EPERM, vm.Table.SetSid(shell, out _));
        Assert.Equal(Errno.EPERM, vm.Table.SetSid(leader, out _));
        Assert.Equal(Errno.Success, vm.Table.SetSid(child, out var sid));

        Assert.Equal((child.Pid, child.Pid, child.Pid), (sid, child.Sid, child.Pgid));
        Assert.Equal(Errno.Success, vm.Table.GetSid(null, child.Pid, out var got));
        Assert.Equal(child.Pid, got);
        Assert.Equal(Errno.EPERM, vm.Table.SetPgid(shell, child.Pid, 0)); // now in another session
    }

    [Fact]
    public void SpawnWithNewSessionLeadsItsOwnSessionAndGroup()
    {
        var vm = new TestVm();
        var shell = vm.Start();

        var daemon = vm.Start(shell, new ProcessStart("/bin/x") { GroupMode = ProcessGroupMode.NewSession });

        Assert.Equal((daemon.Pid, daemon.Pid, shell.Pid), (daemon.Sid, daemon.Pgid, daemon.ParentPid));
    }

    [Fact]
    public void GetPgidOfAMissingProcessFailsWithEsrch()
    {
        var vm = new TestVm();

        Assert.Equal(Errno.ESRCH, vm.Table.GetPgid(null, 5, out _));
        Assert.Equal(Errno.ESRCH, vm.Table.GetPgid(null, 0, out _));
    }

    [Fact]
    public void KillGroupOfTheFirstProcessSignalsThatGroupOnlyNeverTheBroadcast()
    {
        var vm = new TestVm();
        var first = vm.Start();           // pid 1: kill(-1) would mean "everyone"
        var firstChild = vm.Start(first); // same group
        var other = vm.Start();           // another host command beside it
        var otherChild = vm.Start(other);
        Assert.Equal(1, first.Pid);

        Assert.Equal(Errno.Success, vm.Table.KillGroup(null, first.Pid, Signals.SIGKILL));

        Assert.True(first.IsTerminating);
        Assert.True(firstChild.IsTerminating);
        Assert.False(other.IsTerminating);
        Assert.False(otherChild.IsTerminating);
    }

    [Fact]
    public void KillGroupRejectsNonPositiveGroupsAndReportsEmptyOnes()
    {
        var vm = new TestVm();
        var first = vm.Start();

        Assert.Equal(Errno.EINVAL, vm.Table.KillGroup(null, 0, Signals.SIGTERM));
        Assert.Equal(Errno.EINVAL, vm.Table.KillGroup(null, -1, Signals.SIGTERM));
        Assert.Equal(Errno.EINVAL, vm.Table.KillGroup(null, first.Pid, 65));
        Assert.Equal(Errno.ESRCH, vm.Table.KillGroup(null, 42, Signals.SIGTERM));
        Assert.False(first.IsTerminating);
    }
}
