using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Ipc;
using AgentOs.Kernel.Limits;

namespace AgentOs.Kernel.Tests.Ipc;

public sealed class PipeLimitTests
{
    private readonly LimitRegistry _registry = new("t");

    [Fact]
    public void TryCreateAtThePipeCapFailsWithEagainUntilAPipeIsFullyClosed()
    {
        var pipes = _registry.Register(LimitNames.Pipes, LimitCategory.Resource, 2, "limits.resources.maxPipes");
        var openFds = _registry.Register(LimitNames.OpenFds, LimitCategory.Resource, 16, "limits.resources.maxOpenFds");
        var table = new FdTable(openFds, 16);

        Assert.Equal(Errno.Success, Pipe.TryCreate(pipes, 1024, out var r1, out var w1));
        Assert.Equal(Errno.Success, Pipe.TryCreate(pipes, 1024, out var r2, out var w2));
        Assert.Equal(Errno.Success, table.AddPair(r1, w1, FdFlags.None, out var fd1, out var fd2));

        Assert.Equal(Errno.EAGAIN, Pipe.TryCreate(pipes, 1024, out var rejected, out _));
        Assert.Null(rejected);
        Assert.Equal(2, pipes.Current);

        // One end closed is not enough: the pipe still exists.
        Assert.Equal(Errno.Success, table.Close(fd1));
        Assert.Equal(2, pipes.Current);
        Assert.Equal(Errno.EAGAIN, Pipe.TryCreate(pipes, 1024, out _, out _));

        Assert.Equal(Errno.Success, table.Close(fd2));
        Assert.Equal(1, pipes.Current);

        // Host-side closes release too, once each however often they are repeated.
        r2.Close();
        w2.Close();
        w2.Close();
        Assert.Equal(0, pipes.Current);

        Assert.Equal(Errno.Success, Pipe.TryCreate(pipes, 1024, out var r3, out _));
        Assert.Equal(1024, r3.Pipe.Capacity);
        Assert.Equal(1, pipes.Current);
    }
}
