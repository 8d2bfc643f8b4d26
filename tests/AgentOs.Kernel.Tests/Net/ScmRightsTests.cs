using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Net;

namespace AgentOs.Kernel.Tests.Net;

public sealed class ScmRightsTests
{
    private static (int A, int B) Pair(NetTestVm vm, SocketKind kind)
    {
        Assert.Equal(Errno.Success, vm.Kernel.SocketPair(vm.Process, kind, false, false, out var a, out var b));
        return (a, b);
    }

    private static int[] ReceiveRights(NetTestVm vm, int fd, byte[] buffer, out int received, int capacity = 8, MessageFlags flags = MessageFlags.None)
    {
        Assert.Equal(Errno.Success, vm.Kernel.SocketReceiveRights(vm.Process, fd, buffer, capacity, flags, false, out received, out _, out var fds, out _));
        return fds;
    }

    [Theory]
    [InlineData(SocketKind.Stream)]
    [InlineData(SocketKind.Datagram)]
    [InlineData(SocketKind.SeqPacket)]
    public void APassedPipeWriteEndWritesIntoTheSamePipe(SocketKind kind)
    {
        var vm = new NetTestVm();
        var (a, b) = Pair(vm, kind);
        Assert.Equal(Errno.Success, vm.Kernel.Pipe(vm.Process, out var read, out var write));
        Assert.Equal(Errno.Success, vm.Kernel.SocketSendRights(vm.Process, a, "fd"u8, [write], MessageFlags.None, out var sent));
        Assert.Equal(2, sent);
        vm.Kernel.Close(vm.Process, write);

        var buffer = new byte[8];
        var fds = ReceiveRights(vm, b, buffer, out var received);
        Assert.Equal(2, received);
        var passed = Assert.Single(fds);
        Assert.Equal(write, passed); // the lowest free descriptor
        Assert.Equal(Errno.Success, vm.Kernel.Write(vm.Process, passed, "hello"u8, out _));
        vm.Kernel.Close(vm.Process, passed);
        Assert.Equal(Errno.Success, vm.Kernel.Read(vm.Process, read, buffer, out var n));
        Assert.Equal("hello"u8.ToArray(), buffer[..n]);
        Assert.Equal(Errno.Success, vm.Kernel.Read(vm.Process, read, buffer, out n));
        Assert.Equal(0, n); // every write end is closed: EOF
    }

    [Fact]
    public void StreamRightsArriveWithTheirFirstByteAndReadsStopBeforeThem()
    {
        var vm = new NetTestVm();
        var (a, b) = Pair(vm, SocketKind.Stream);
        var (x, _) = Pair(vm, SocketKind.Datagram);
        vm.Send(a, "plain"u8);
        Assert.Equal(Errno.Success, vm.Kernel.SocketSendRights(vm.Process, a, "with"u8, [x], MessageFlags.None, out _));
        vm.Send(a, "tail"u8);

        var buffer = new byte[64];
        Assert.Empty(ReceiveRights(vm, b, buffer, out var received));
        Assert.Equal("plain"u8.ToArray(), buffer[..received]);
        var fds = ReceiveRights(vm, b, buffer, out received);
        Assert.Single(fds);
        Assert.Equal("withtail"u8.ToArray(), buffer[..received]);
    }

    [Fact]
    public void PeekInstallsTheRightsAndLeavesThemQueued()
    {
        var vm = new NetTestVm();
        var (a, b) = Pair(vm, SocketKind.Datagram);
        Assert.Equal(Errno.Success, vm.Kernel.Pipe(vm.Process, out _, out var write));
        Assert.Equal(Errno.Success, vm.Kernel.SocketSendRights(vm.Process, a, "m"u8, [write], MessageFlags.None, out _));

        var buffer = new byte[4];
        var peeked = Assert.Single(ReceiveRights(vm, b, buffer, out _, flags: MessageFlags.Peek));
        var taken = Assert.Single(ReceiveRights(vm, b, buffer, out _));
        Assert.NotEqual(peeked, taken);
        Assert.Equal(Errno.Success, vm.Kernel.Write(vm.Process, taken, "x"u8, out _));
    }

    [Fact]
    public void RightsBeyondTheCapacityAreClosedAndReportedAsTruncated()
    {
        var vm = new NetTestVm();
        var (a, b) = Pair(vm, SocketKind.Datagram);
        Assert.Equal(Errno.Success, vm.Kernel.Pipe(vm.Process, out var read, out var write));
        Assert.Equal(Errno.Success, vm.Kernel.Pipe(vm.Process, out var read2, out var write2));
        Assert.Equal(Errno.Success, vm.Kernel.SocketSendRights(vm.Process, a, "m"u8, [write, write2], MessageFlags.None, out _));
        vm.Kernel.Close(vm.Process, write);
        vm.Kernel.Close(vm.Process, write2);

        Assert.Equal(Errno.Success, vm.Kernel.SocketReceiveRights(vm.Process, b, new byte[4], 1, MessageFlags.None, true, out _, out _, out var fds, out var truncated));
        Assert.True(truncated);
        Assert.Single(fds);
        Assert.Equal(Errno.Success, vm.Kernel.GetFdFlags(vm.Process, fds[0], out var fdFlags));
        Assert.Equal(AgentOs.Kernel.Fds.FdFlags.CloseOnExec, fdFlags);
        var buffer = new byte[4];
        Assert.Equal(Errno.Success, vm.Kernel.Read(vm.Process, read2, buffer, out var n));
        Assert.Equal(0, n); // the second write end was closed
        vm.Kernel.Close(vm.Process, read);
    }

    [Fact]
    public void AFullDescriptorTableInstallsWhatFitsAndClosesTheRest()
    {
        var vm = new NetTestVm();
        var (a, b) = Pair(vm, SocketKind.Datagram);
        Assert.Equal(Errno.Success, vm.Kernel.Pipe(vm.Process, out var read, out var write));
        Assert.Equal(Errno.Success, vm.Kernel.SocketSendRights(vm.Process, a, "m"u8, [write, write, write], MessageFlags.None, out _));
        vm.Kernel.Close(vm.Process, write);
        var fillers = new List<int>();
        while (vm.Process.Fds.Count < vm.Process.Fds.Capacity - 1)
        {
            Assert.Equal(Errno.Success, vm.Kernel.Pipe(vm.Process, out var r, out var w));
            fillers.Add(r);
            fillers.Add(w);
        }

        while (vm.Process.Fds.Count > vm.Process.Fds.Capacity - 1)
        {
            vm.Kernel.Close(vm.Process, fillers[^1]);
            fillers.RemoveAt(fillers.Count - 1);
        }

        Assert.Equal(Errno.Success, vm.Kernel.SocketReceiveRights(vm.Process, b, new byte[4], 8, MessageFlags.None, false, out _, out _, out var fds, out var truncated));
        Assert.True(truncated);
        Assert.Single(fds);
        vm.Kernel.Close(vm.Process, fds[0]);
        var buffer = new byte[4];
        Assert.Equal(Errno.Success, vm.Kernel.Read(vm.Process, read, buffer, out var n));
        Assert.Equal(0, n);
    }

    [Theory]
    [InlineData(SocketKind.Stream)]
    [InlineData(SocketKind.Datagram)]
    public void ClosingASocketWithUnreceivedRightsReleasesThem(SocketKind kind)
    {
        var vm = new NetTestVm();
        var fdsBefore = vm.Gauge(LimitNames.OpenFds).Current;
        var (a, b) = Pair(vm, kind);
        Assert.Equal(Errno.Success, vm.Kernel.Pipe(vm.Process, out var read, out var write));
        var (c, d) = Pair(vm, SocketKind.Stream);
        Assert.Equal(Errno.Success, vm.Kernel.SocketSendRights(vm.Process, a, "m"u8, [write, c, d], MessageFlags.None, out _));
        vm.Kernel.Close(vm.Process, write);
        vm.Kernel.Close(vm.Process, c);
        vm.Kernel.Close(vm.Process, d);
        Assert.Equal(4, vm.Gauge(LimitNames.Sockets).Current);

        vm.Kernel.Close(vm.Process, a);
        vm.Kernel.Close(vm.Process, b);

        Assert.Equal(0, vm.Gauge(LimitNames.Sockets).Current);
        Assert.Equal(0, vm.Gauge(LimitNames.Connections).Current);
        var buffer = new byte[4];
        Assert.Equal(Errno.Success, vm.Kernel.Read(vm.Process, read, buffer, out var n));
        Assert.Equal(0, n);
        vm.Kernel.Close(vm.Process, read);
        Assert.Equal(fdsBefore, vm.Gauge(LimitNames.OpenFds).Current);
    }

    [Fact]
    public void APlainReceiveClosesThePassedDescriptions()
    {
        var vm = new NetTestVm();
        var (a, b) = Pair(vm, SocketKind.Stream);
        Assert.Equal(Errno.Success, vm.Kernel.Pipe(vm.Process, out var read, out var write));
        Assert.Equal(Errno.Success, vm.Kernel.SocketSendRights(vm.Process, a, "m"u8, [write], MessageFlags.None, out _));
        vm.Kernel.Close(vm.Process, write);

        Assert.Equal("m"u8.ToArray(), vm.Receive(b, 4));
        var buffer = new byte[4];
        Assert.Equal(Errno.Success, vm.Kernel.Read(vm.Process, read, buffer, out var n));
        Assert.Equal(0, n);
    }

    [Fact]
    public void InvalidRightsAndNonUnixSocketsAreRefusedWithoutSideEffects()
    {
        var vm = new NetTestVm();
        var (a, b) = Pair(vm, SocketKind.Datagram);
        var tcp = vm.Socket();
        Assert.Equal(Errno.Success, vm.Kernel.Pipe(vm.Process, out _, out var write));

        Assert.Equal(Errno.EBADF, vm.Kernel.SocketSendRights(vm.Process, a, "m"u8, [write, 60], MessageFlags.None, out _));
        Assert.Equal(Errno.EINVAL, vm.Kernel.SocketSendRights(vm.Process, a, "m"u8, new int[254], MessageFlags.None, out _));
        Assert.Equal(Errno.ENOTSOCK, vm.Kernel.SocketSendRights(vm.Process, tcp, "m"u8, [], MessageFlags.None, out _));
        Assert.Equal(Errno.ENOTSOCK, vm.Kernel.SocketSendRights(vm.Process, write, "m"u8, [], MessageFlags.None, out _));
        Assert.Equal(Errno.ENOTSOCK, vm.Kernel.SocketReceiveRights(vm.Process, tcp, new byte[4], 1, MessageFlags.None, false, out _, out _, out _, out _));
        Assert.Equal(Errno.EAGAIN, vm.Kernel.SocketReceiveRights(vm.Process, b, new byte[4], 1, MessageFlags.DontWait, false, out _, out _, out _, out _));
    }

    [Fact]
    public void ABlockingReceiveWithRightsEndsAtMaxBlockingReadMsWithTheNoticeLines()
    {
        var vm = new NetTestVm(new ResourceLimits { MaxBlockingReadMs = 100 });
        Assert.Equal(Errno.Success, vm.Kernel.Pipe(vm.Process, out var stderrRead, out var stderrWrite));
        Assert.Equal(Errno.Success, vm.Kernel.Dup2(vm.Process, stderrWrite, 2));
        Assert.Equal(Errno.Success, vm.Kernel.SocketPair(vm.Process, SocketKind.Stream, false, false, out var a, out _));

        Assert.Equal(Errno.ETIMEDOUT, vm.Kernel.SocketReceiveRights(vm.Process, a, new byte[8], 4, MessageFlags.None, false, out _, out _, out _, out _));
        var buffer = new byte[1024];
        Assert.Equal(Errno.Success, vm.Kernel.Read(vm.Process, stderrRead, buffer, out var read));
        Assert.Equal(
            "[agentos] blocking socket receive is nearing limits.resources.maxBlockingReadMs (100 ms)\n" +
            "[agentos] blocking socket receive exceeded limits.resources.maxBlockingReadMs (100 ms); raise limits.resources.maxBlockingReadMs if needed\n",
            System.Text.Encoding.UTF8.GetString(buffer, 0, read));
    }
}
