using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Net;

namespace AgentOs.Kernel.Tests.Net;

public sealed class UnixMessageSocketTests
{
    private static (int A, int B) Pair(NetTestVm vm, SocketKind kind, bool nonBlocking = false)
    {
        Assert.Equal(Errno.Success, vm.Kernel.SocketPair(vm.Process, kind, nonBlocking, false, out var a, out var b));
        return (a, b);
    }

    private static UnixMessageSocket Get(NetTestVm vm, int fd)
    {
        Assert.Equal(Errno.Success, vm.Process.Fds.Get(fd, out var file));
        return (UnixMessageSocket)file;
    }

    [Theory]
    [InlineData(SocketKind.Datagram)]
    [InlineData(SocketKind.SeqPacket)]
    public void MessagesKeepTheirBoundariesAndLongOnesAreTruncated(SocketKind kind)
    {
        var vm = new NetTestVm();
        var (a, b) = Pair(vm, kind);
        vm.Send(a, "first"u8);
        vm.Send(a, "second message"u8);
        vm.Send(a, ""u8);

        Assert.Equal("first"u8.ToArray(), vm.Receive(b, 64));
        var buffer = new byte[6];
        Assert.Equal(Errno.Success, vm.Kernel.SocketReceive(vm.Process, b, buffer, MessageFlags.Truncate, out var n, out _));
        Assert.Equal(14, n);
        Assert.Equal("second"u8.ToArray(), buffer);
        Assert.Empty(vm.Receive(b, 64));
        Assert.Equal(Errno.EAGAIN, vm.Kernel.SocketReceive(vm.Process, b, buffer, MessageFlags.DontWait, out _, out _));
        Assert.Equal(0, vm.Gauge(LimitNames.SocketDatagramQueueLen).Current);
        Assert.Equal(0, vm.Gauge(LimitNames.SocketBufferedBytes).Current);
        Assert.Equal(kind == SocketKind.Datagram ? FileType.SocketDatagram : FileType.SocketStream, Get(vm, a).FileType);
    }

    [Fact]
    public void PeekLeavesTheMessageQueued()
    {
        var vm = new NetTestVm();
        var (a, b) = Pair(vm, SocketKind.Datagram);
        vm.Send(b, "peek me"u8);
        Assert.Equal("peek"u8.ToArray(), vm.Receive(a, 4, MessageFlags.Peek));
        Assert.Equal("peek me"u8.ToArray(), vm.Receive(a, 64));
    }

    [Fact]
    public async Task AFullQueueBlocksTheSenderUntilTheReaderTakesAMessage()
    {
        var vm = new NetTestVm();
        var (a, b) = Pair(vm, SocketKind.Datagram);
        var payload = new byte[MessageConnection.QueueCapacity / 2];
        vm.Send(a, payload);
        vm.Send(a, payload);
        Assert.Equal(Errno.EAGAIN, vm.Kernel.SocketSend(vm.Process, a, payload, MessageFlags.DontWait, null, out _));

        var sender = Task.Run(() => vm.Kernel.SocketSend(vm.Process, a, "late"u8, MessageFlags.None, null, out _));
        NetTestVm.Until(() => Get(vm, a).Connection.Waiters == 1);
        Assert.False(sender.IsCompleted);
        Assert.Equal(payload.Length, vm.Receive(b, payload.Length).Length);
        Assert.Equal(Errno.Success, await sender.WaitAsync(NetTestVm.Generous));
        Assert.Equal(payload.Length, vm.Receive(b, payload.Length).Length);
        Assert.Equal("late"u8.ToArray(), vm.Receive(b, 64));
    }

    [Fact]
    public void TheVmDatagramQueueGaugeBoundsSocketpairMessages()
    {
        var vm = new NetTestVm(new ResourceLimits { MaxSocketDatagramQueueLen = 2 });
        var (a, b) = Pair(vm, SocketKind.Datagram);
        vm.Send(a, "1"u8);
        vm.Send(a, "2"u8);
        Assert.Equal(Errno.EAGAIN, vm.Kernel.SocketSend(vm.Process, a, "3"u8, MessageFlags.None, null, out _));
        Assert.Equal("1"u8.ToArray(), vm.Receive(b, 8));
        Assert.Equal(Errno.Success, vm.Kernel.SocketSend(vm.Process, a, "3"u8, MessageFlags.None, null, out _));
    }

    [Fact]
    public void MessagesLargerThanTheQueueAreEmsgsize()
    {
        var vm = new NetTestVm();
        var (a, _) = Pair(vm, SocketKind.Datagram);
        Assert.Equal(Errno.EMSGSIZE, vm.Kernel.SocketSend(vm.Process, a, new byte[MessageConnection.QueueCapacity + 1], MessageFlags.None, null, out _));
    }

    [Fact]
    public void SeqpacketGivesEofAndEpipeOnceThePeerCloses()
    {
        var vm = new NetTestVm();
        var (a, b) = Pair(vm, SocketKind.SeqPacket);
        vm.Send(b, "last words"u8);
        vm.Kernel.Close(vm.Process, b);

        Assert.Equal("last words"u8.ToArray(), vm.Receive(a, 64));
        Assert.Empty(vm.Receive(a, 64));
        Assert.Equal(Errno.EPIPE, vm.Kernel.SocketSend(vm.Process, a, "x"u8, MessageFlags.NoSignal, null, out _));
        Assert.True((Get(vm, a).Poll() & PollEvents.Hup) != 0);
    }

    [Theory]
    [InlineData(SocketKind.SeqPacket, false)]
    [InlineData(SocketKind.Datagram, false)]
    [InlineData(SocketKind.Stream, true)]
    public void OnlyStreamSocketsRaiseSigpipeWithEpipe(SocketKind kind, bool signalled)
    {
        var vm = new NetTestVm();
        var (a, _) = Pair(vm, kind);
        Assert.Equal(Errno.Success, vm.Kernel.Shutdown(vm.Process, a, 2));

        Assert.Equal(Errno.EPIPE, vm.Kernel.SocketSend(vm.Process, a, "x"u8, MessageFlags.None, null, out _));
        Assert.Equal(signalled, vm.Process.State == AgentOs.Kernel.Processes.ProcessState.Zombie);
    }

    [Fact]
    public void DatagramPairSendToAClosedPeerIsRefusedAndShutdownGivesThePeerEof()
    {
        var vm = new NetTestVm();
        var (a, b) = Pair(vm, SocketKind.Datagram);
        Assert.Equal(Errno.Success, vm.Kernel.Shutdown(vm.Process, a, 2));
        Assert.Empty(vm.Receive(b, 8));
        Assert.Equal(Errno.EPIPE, vm.Kernel.SocketSend(vm.Process, a, "x"u8, MessageFlags.NoSignal, null, out _));

        vm.Kernel.Close(vm.Process, a);
        Assert.Equal(Errno.ECONNREFUSED, vm.Kernel.SocketSend(vm.Process, b, "x"u8, MessageFlags.None, null, out _));
    }

    [Theory]
    [InlineData(SocketKind.Datagram)]
    [InlineData(SocketKind.SeqPacket)]
    public void ClosingBothEndsWithQueuedMessagesReturnsEveryUnit(SocketKind kind)
    {
        var vm = new NetTestVm();
        var (a, b) = Pair(vm, kind);
        vm.Send(a, "queued"u8);
        vm.Send(b, "queued too"u8);
        Assert.Equal(2, vm.Gauge(LimitNames.SocketDatagramQueueLen).Current);
        Assert.Equal(1, vm.Gauge(LimitNames.Connections).Current);

        vm.Kernel.Close(vm.Process, a);
        vm.Kernel.Close(vm.Process, b);

        Assert.Equal(0, vm.Gauge(LimitNames.SocketDatagramQueueLen).Current);
        Assert.Equal(0, vm.Gauge(LimitNames.SocketBufferedBytes).Current);
        Assert.Equal(0, vm.Gauge(LimitNames.Sockets).Current);
        Assert.Equal(0, vm.Gauge(LimitNames.Connections).Current);
    }
}
