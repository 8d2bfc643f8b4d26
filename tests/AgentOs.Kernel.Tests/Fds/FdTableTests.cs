using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Limits;

namespace AgentOs.Kernel.Tests.Fds;

public sealed class FdTableTests
{
    private readonly LimitGauge _openFds = new LimitRegistry("t").Register(LimitNames.OpenFds, LimitCategory.Resource, 8, "limits.resources.maxOpenFds");

    [Fact]
    public void AllocatesTheLowestFreeDescriptor()
    {
        var table = new FdTable(_openFds, 8);
        var d = new CountingDescription();
        Assert.Equal(Errno.Success, table.Add(d, FdFlags.None, out var a));
        Assert.Equal(Errno.Success, table.Add(d, FdFlags.None, out var b));
        Assert.Equal(Errno.Success, table.Add(d, FdFlags.None, out var c));
        Assert.Equal((0, 1, 2), (a, b, c));

        Assert.Equal(Errno.Success, table.Close(1));
        Assert.Equal(Errno.Success, table.Dup(2, out var dup));

        Assert.Equal(1, dup);
        Assert.Equal(3, d.References);
    }

    [Fact]
    public void PerProcessCapGivesEmfileAndVmCapGivesEnfile()
    {
        var small = new FdTable(_openFds, 3);
        var d = new CountingDescription();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(Errno.Success, small.Add(d, FdFlags.None, out _));
        }

        Assert.Equal(Errno.EMFILE, small.Add(d, FdFlags.None, out _));
        Assert.Equal(Errno.EMFILE, small.Dup(0, out _));

        var other = new FdTable(_openFds, 8);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(Errno.Success, other.Add(d, FdFlags.None, out _));
        }

        // 3 + 5 = the VM-wide cap of 8.
        Assert.Equal(Errno.ENFILE, other.Add(d, FdFlags.None, out _));
        Assert.Equal(Errno.ENFILE, other.Dup(0, out _));
        Assert.Equal(5, other.Count);
        Assert.Equal(8, _openFds.Current);

        Assert.Equal(Errno.Success, small.Close(0));
        Assert.Equal(Errno.Success, other.Add(d, FdFlags.None, out var fd));
        Assert.Equal(5, fd);
    }

    [Fact]
    public void AddPairIsAllOrNothing()
    {
        var table = new FdTable(_openFds, 8);
        var filler = new CountingDescription();
        for (var i = 0; i < 7; i++)
        {
            Assert.Equal(Errno.Success, table.Add(filler, FdFlags.None, out _));
        }

        var r = new CountingDescription();
        var w = new CountingDescription();
        Assert.Equal(Errno.EMFILE, table.AddPair(r, w, FdFlags.None, out _, out _));
        Assert.Equal(0, r.References);
        Assert.Equal(0, w.References);
        Assert.Equal(7, table.Count);
        Assert.Equal(7, _openFds.Current);
    }

    [Fact]
    public void AnExitedProcessTableInstallsNothing()
    {
        // Fuzzing finding: a host call still running on a killed process's thread (fd_pipe after an async SIGALRM)
        // installed descriptors after the exit had closed the table, and they were never closed.
        var table = new FdTable(_openFds, 8);
        var d = new CountingDescription();
        Assert.Equal(Errno.Success, table.Add(d, FdFlags.None, out _));
        Assert.Equal(Errno.Success, table.Reserve(out var reserved));
        table.CloseAll();

        Assert.Equal(Errno.EMFILE, table.Add(d, FdFlags.None, out _));
        Assert.Equal(Errno.EMFILE, table.AddPair(new CountingDescription(), new CountingDescription(), FdFlags.None, out _, out _));
        Assert.Equal(Errno.EBADF, table.Dup(0, out _));
        Assert.Equal(Errno.EBADF, table.Dup2(0, 5));
        var opened = new CountingDescription();
        table.Commit(reserved, opened, FdFlags.None); // an open that finished after the exit: closed at once
        Assert.Equal(1, opened.LastCloses);
        Assert.Equal(1, d.LastCloses);
        Assert.Equal(0, table.Count);
        Assert.Equal(0, _openFds.Current);
    }

    [Fact]
    public void LastCloseOfASharedDescriptionHappensOnce()
    {
        var table = new FdTable(_openFds, 8);
        var d = new CountingDescription();
        Assert.Equal(Errno.Success, table.Add(d, FdFlags.None, out var fd));
        Assert.Equal(Errno.Success, table.Dup(fd, out var dup));
        Assert.Equal(Errno.Success, table.Fork(out var child));

        Assert.Equal(Errno.Success, table.Close(fd));
        Assert.Equal(Errno.Success, table.Close(dup));
        Assert.Equal(0, d.LastCloses);
        child.CloseAll();

        Assert.Equal(1, d.LastCloses);
        Assert.Equal(0, _openFds.Current);
        Assert.Equal(Errno.EBADF, table.Close(fd));
    }

    [Fact]
    public void ForkCopiesEveryEntryAndExecDropsCloseOnExecOnes()
    {
        var table = new FdTable(_openFds, 8);
        var kept = new CountingDescription();
        var dropped = new CountingDescription();
        Assert.Equal(Errno.Success, table.Add(kept, FdFlags.None, out var keptFd));
        Assert.Equal(Errno.Success, table.Add(dropped, FdFlags.CloseOnExec, out var droppedFd));

        Assert.Equal(Errno.Success, table.Fork(out var child));
        Assert.Equal(Errno.Success, child.GetFlags(droppedFd, out var copiedFlags));
        Assert.Equal(FdFlags.CloseOnExec, copiedFlags);
        Assert.Equal(4, _openFds.Current);
        child.CloseOnExec();

        Assert.Equal(Errno.Success, child.Get(keptFd, out var inherited));
        Assert.Same(kept, inherited);
        Assert.Equal(Errno.EBADF, child.Get(droppedFd, out _));
        Assert.Equal(Errno.Success, child.GetFlags(keptFd, out var flags));
        Assert.Equal(FdFlags.None, flags);
        Assert.Equal(3, _openFds.Current);
    }

    [Fact]
    public void ForkFailsWholeWhenTheVmHasNoRoom()
    {
        var table = new FdTable(_openFds, 8);
        var d = new CountingDescription();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(Errno.Success, table.Add(d, FdFlags.None, out _));
        }

        Assert.Equal(Errno.ENFILE, table.Fork(out _));
        Assert.Equal(5, _openFds.Current);
        Assert.Equal(5, d.References);
    }

    [Fact]
    public void Dup2ReplacesTargetAndClearsCloseOnExec()
    {
        var table = new FdTable(_openFds, 8);
        var a = new CountingDescription();
        var b = new CountingDescription();
        Assert.Equal(Errno.Success, table.Add(a, FdFlags.None, out var fa));
        Assert.Equal(Errno.Success, table.Add(b, FdFlags.CloseOnExec, out var fb));

        Assert.Equal(Errno.Success, table.Dup2(fa, fb));

        Assert.Equal(1, b.LastCloses);
        Assert.Equal(Errno.Success, table.Get(fb, out var now));
        Assert.Same(a, now);
        Assert.Equal(Errno.Success, table.GetFlags(fb, out var flags));
        Assert.Equal(FdFlags.None, flags);
        Assert.Equal(2, _openFds.Current);
    }

    [Fact]
    public void Dup2EdgeCases()
    {
        var table = new FdTable(_openFds, 4);
        var a = new CountingDescription();
        Assert.Equal(Errno.Success, table.Add(a, FdFlags.None, out var fa));

        Assert.Equal(Errno.Success, table.Dup2(fa, fa));
        Assert.Equal(Errno.EBADF, table.Dup2(3, 2));
        Assert.Equal(Errno.EBADF, table.Dup2(fa, 4));
        Assert.Equal(Errno.EBADF, table.Dup2(fa, -1));
        Assert.Equal(Errno.Success, table.Dup2(fa, 3));
        Assert.Equal(2, a.References);
    }

    [Fact]
    public void CloseOnExecAndCloseFrom()
    {
        var table = new FdTable(_openFds, 8);
        var d = new CountingDescription();
        Assert.Equal(Errno.Success, table.Add(d, FdFlags.None, out _));
        Assert.Equal(Errno.Success, table.Add(d, FdFlags.CloseOnExec, out _));
        Assert.Equal(Errno.Success, table.Add(d, FdFlags.None, out _));
        Assert.Equal(Errno.Success, table.Add(d, FdFlags.None, out _));

        table.CloseOnExec();
        Assert.Equal([0, 2, 3], table.OpenDescriptors());

        table.CloseFrom(3);
        Assert.Equal([0, 2], table.OpenDescriptors());
        Assert.Equal(2, _openFds.Current);
    }

    [Fact]
    public void StatusFlagsAreSharedAcrossDupsButFdFlagsAreNot()
    {
        var table = new FdTable(_openFds, 8);
        var d = new CountingDescription();
        Assert.Equal(Errno.Success, table.Add(d, FdFlags.CloseOnExec, out var fd));
        Assert.Equal(Errno.Success, table.Dup(fd, out var dup));

        Assert.Equal(Errno.Success, d.SetStatusFlags(OpenFlags.NonBlock | OpenFlags.Append | OpenFlags.WriteOnly));

        Assert.True(d.IsNonBlocking);
        Assert.True(d.CanWrite); // the access mode is not settable through F_SETFL
        Assert.True(d.CanRead);
        Assert.Equal(Errno.Success, table.GetFlags(dup, out var dupFlags));
        Assert.Equal(FdFlags.None, dupFlags);
        Assert.Equal(Errno.Success, table.GetFlags(fd, out var fdFlags));
        Assert.Equal(FdFlags.CloseOnExec, fdFlags);
    }

    [Fact]
    public void AccessModeIsEnforcedByTheDescription()
    {
        var readOnly = new CountingDescription(OpenFlags.ReadOnly);
        Assert.Equal(Errno.EBADF, readOnly.Write([1], default, out _));
        var writeOnly = new CountingDescription(OpenFlags.WriteOnly);
        Assert.Equal(Errno.EBADF, writeOnly.Read(new byte[1], default, out _));
        Assert.Equal(Errno.EBADF, writeOnly.PRead(new byte[1], 0, out _));
    }

    [Fact]
    public void ReservationHoldsTheNumberAndTheUnitUntilCommitOrAbort()
    {
        var table = new FdTable(_openFds, 8);
        Assert.Equal(Errno.Success, table.Reserve(out var fd));
        Assert.Equal(0, fd);
        Assert.Equal(1, _openFds.Current);
        Assert.Equal(Errno.EBADF, table.Get(fd, out _));
        Assert.Equal(Errno.EBADF, table.Dup2(fd, fd));

        var d = new CountingDescription();
        Assert.Equal(Errno.Success, table.Add(d, FdFlags.None, out var next));
        Assert.Equal(1, next);
        Assert.Equal(Errno.EBUSY, table.Dup2(next, fd));

        table.Abort(fd);
        Assert.Equal(1, _openFds.Current);
        Assert.Equal(Errno.Success, table.Reserve(out var again));
        Assert.Equal(0, again);
        table.Commit(again, d, FdFlags.CloseOnExec);
        Assert.Equal(Errno.Success, table.Get(again, out var got));
        Assert.Same(d, got);
        Assert.Equal(2, d.References);
    }

    [Fact]
    public void ReservationFailsWithEmfileBeforeAnythingIsCreated()
    {
        var table = new FdTable(_openFds, 1);
        Assert.Equal(Errno.Success, table.Reserve(out _));
        Assert.Equal(Errno.EMFILE, table.Reserve(out _));
        Assert.Equal(1, _openFds.Current);
    }
}
