using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Net;
using static AgentOs.Kernel.Tests.Net.NetTestVm;

namespace AgentOs.Kernel.Tests.Net;

/// <summary>Unix sockets that only in-flight SCM_RIGHTS messages refer to: cycles are collected, chains are released
/// without recursion, and sockets still reachable are left alone.</summary>
public sealed class InFlightCollectionTests
{
    private static (int A, int B) Pair(NetTestVm vm, SocketKind kind)
    {
        Assert.Equal(Errno.Success, vm.Kernel.SocketPair(vm.Process, kind, false, false, out var a, out var b));
        return (a, b);
    }

    private static void SendRights(NetTestVm vm, int fd, ReadOnlySpan<byte> data, params int[] rights) =>
        Assert.Equal(Errno.Success, vm.Kernel.SocketSendRights(vm.Process, fd, data, rights, MessageFlags.None, out _));

    private static int ReceiveOne(NetTestVm vm, int fd)
    {
        var buffer = new byte[16];
        Assert.Equal(Errno.Success, vm.Kernel.SocketReceiveRights(vm.Process, fd, buffer, 8, MessageFlags.None, false, out _, out _, out var fds, out _));
        return Assert.Single(fds);
    }

    private static void Close(NetTestVm vm, params int[] fds)
    {
        foreach (var fd in fds)
        {
            Assert.Equal(Errno.Success, vm.Kernel.Close(vm.Process, fd));
        }
    }

    private static void AssertAllFreed(NetTestVm vm)
    {
        Assert.Equal(0, vm.Gauge(LimitNames.Sockets).Current);
        Assert.Equal(0, vm.Gauge(LimitNames.Connections).Current);
        Assert.Equal(0, vm.Gauge(LimitNames.SocketBufferedBytes).Current);
        Assert.Equal(0, vm.Gauge(LimitNames.SocketDatagramQueueLen).Current);
    }

    [Theory]
    [InlineData(SocketKind.Stream, false)]
    [InlineData(SocketKind.Stream, true)]
    [InlineData(SocketKind.Datagram, false)]
    [InlineData(SocketKind.Datagram, true)]
    [InlineData(SocketKind.SeqPacket, false)]
    [InlineData(SocketKind.SeqPacket, true)]
    public void SocketSentOverItselfIsFreedWhenAllFdsClose(SocketKind kind, bool receiverClosesFirst)
    {
        var vm = new NetTestVm();
        var (a, b) = Pair(vm, kind);
        SendRights(vm, a, "x"u8, b);
        Close(vm, receiverClosesFirst ? [b, a] : [a, b]);
        AssertAllFreed(vm);
    }

    [Theory]
    [InlineData(SocketKind.Stream)]
    [InlineData(SocketKind.Datagram)]
    [InlineData(SocketKind.SeqPacket)]
    public void TwoPairsCarryingEachOthersEndsAreFreed(SocketKind kind)
    {
        var vm = new NetTestVm();
        var (a1, b1) = Pair(vm, kind);
        var (a2, b2) = Pair(vm, kind);
        SendRights(vm, a1, "1"u8, b2);
        SendRights(vm, a2, "2"u8, b1, a1);
        Close(vm, b1, a2, a1);
        Assert.Equal(3, vm.Gauge(LimitNames.Sockets).Current); // b2 still has its fd, so a1 and b1 are not garbage yet
        Close(vm, b2);
        AssertAllFreed(vm);
    }

    [Fact]
    public void ADatagramSocketQueuedAtItselfIsFreed()
    {
        var vm = new NetTestVm();
        var server = vm.Socket(SocketDomain.Unix, SocketKind.Datagram);
        Assert.Equal(Errno.Success, vm.Kernel.SocketBind(vm.Process, server, Addr("unix:/tmp/gc.sock")));
        var client = vm.Socket(SocketDomain.Unix, SocketKind.Datagram);
        Assert.Equal(Errno.Success, vm.Kernel.SocketConnect(vm.Process, client, Addr("unix:/tmp/gc.sock")));
        SendRights(vm, client, "x"u8, server, client);
        Close(vm, server, client);
        AssertAllFreed(vm);
    }

    [Fact]
    public void AListenerQueuedInItsOwnPendingConnectionIsFreed()
    {
        var vm = new NetTestVm();
        var listener = vm.Socket(SocketDomain.Unix);
        Assert.Equal(Errno.Success, vm.Kernel.SocketBind(vm.Process, listener, Addr("unix:/tmp/listen.sock")));
        Assert.Equal(Errno.Success, vm.Kernel.SocketListen(vm.Process, listener, 4));
        var client = vm.Socket(SocketDomain.Unix);
        Assert.Equal(Errno.Success, vm.Kernel.SocketConnect(vm.Process, client, Addr("unix:/tmp/listen.sock")));
        SendRights(vm, client, "x"u8, listener);
        Close(vm, client, listener);
        AssertAllFreed(vm);
    }

    [Theory]
    [InlineData(SocketKind.Stream)]
    [InlineData(SocketKind.Datagram)]
    [InlineData(SocketKind.SeqPacket)]
    public void AnInFlightSocketAReceiverCanReachIsKeptWithItsQueue(SocketKind kind)
    {
        var vm = new NetTestVm();
        var (a, b) = Pair(vm, kind);
        var (x, y) = Pair(vm, kind);
        var (p, q) = Pair(vm, kind);
        vm.Send(p, "deep"u8);
        SendRights(vm, x, "hello"u8, q); // q rides in y's queue
        Close(vm, q, p);
        SendRights(vm, a, "y"u8, y); // y rides in b's queue, which b's fd reaches
        Close(vm, y, x, a);
        Assert.Equal(3, vm.Gauge(LimitNames.Sockets).Current); // b, and y and q in flight

        var receivedY = ReceiveOne(vm, b);
        var buffer = new byte[16];
        Assert.Equal(Errno.Success, vm.Kernel.SocketReceiveRights(vm.Process, receivedY, buffer, 8, MessageFlags.None, false, out var n, out _, out var fds, out _));
        Assert.Equal("hello"u8.ToArray(), buffer[..n]);
        var receivedQ = Assert.Single(fds);
        Assert.Equal("deep"u8.ToArray(), vm.Receive(receivedQ, 16));
        Close(vm, receivedQ, receivedY, b);
        AssertAllFreed(vm);
    }

    [Fact]
    public void AReceiverPeekingAnInFlightSocketKeepsItAlive()
    {
        var vm = new NetTestVm();
        var (a, b) = Pair(vm, SocketKind.Datagram);
        var (x, y) = Pair(vm, SocketKind.Datagram);
        vm.Send(x, "kept"u8);
        SendRights(vm, a, "y"u8, y);
        Close(vm, x, y, a);
        var buffer = new byte[4];
        Assert.Equal(Errno.Success, vm.Kernel.SocketReceiveRights(vm.Process, b, buffer, 8, MessageFlags.Peek, false, out _, out _, out var peeked, out _));
        Close(vm, peeked);
        Assert.Equal("kept"u8.ToArray(), vm.Receive(ReceiveOne(vm, b), 16));
    }

    [Fact]
    public void ALongChainOfQueuedSocketsIsReleasedWithoutRecursion()
    {
        const int Length = 20_000;
        var vm = new NetTestVm(new ResourceLimits
        {
            MaxSockets = (2 * Length) + 16,
            MaxConnections = Length + 8,
            MaxOpenFds = 4096,
            MaxSocketBufferedBytes = 1L << 20,
        });
        Exception? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    // root's queue holds pair 1's end, whose queue holds pair 2's end, and so on.
                    var (sender, root) = Pair(vm, SocketKind.Stream);
                    for (var i = 0; i < Length; i++)
                    {
                        var (nextSender, nextEnd) = Pair(vm, SocketKind.Stream);
                        SendRights(vm, sender, "c"u8, nextEnd);
                        Close(vm, sender, nextEnd);
                        sender = nextSender;
                    }

                    Close(vm, sender);
                    Assert.Equal(Length + 1, vm.Gauge(LimitNames.Sockets).Current);
                    Close(vm, root);
                    AssertAllFreed(vm);
                }
                catch (Exception e)
                {
                    failure = e;
                }
            },
            maxStackSize: 256 * 1024);
        thread.Start();
        thread.Join();
        Assert.Null(failure);
    }

    [Fact]
    public async Task ConcurrentCyclesAndTransfersAllEndFreed()
    {
        var vm = new NetTestVm(new ResourceLimits { MaxSockets = 4096, MaxConnections = 2048, MaxOpenFds = 4096 });
        var workers = Enumerable.Range(0, 4).Select(seed => Task.Run(() =>
        {
            var process = vm.NewProcess();
            for (var i = 0; i < 300; i++)
            {
                var kind = new[] { SocketKind.Stream, SocketKind.Datagram, SocketKind.SeqPacket }[(i + seed) % 3];
                Assert.Equal(Errno.Success, vm.Kernel.SocketPair(process, kind, false, false, out var a, out var b));
                Assert.Equal(Errno.Success, vm.Kernel.SocketPair(process, kind, false, false, out var x, out var y));
                Assert.Equal(Errno.Success, vm.Kernel.SocketSendRights(process, a, "1"u8, [b, y], MessageFlags.None, out _));
                Assert.Equal(Errno.Success, vm.Kernel.SocketSendRights(process, x, "2"u8, [a], MessageFlags.None, out _));
                if (i % 2 == 0)
                {
                    // Take y back out (it stays usable), then drop everything.
                    var buffer = new byte[4];
                    Assert.Equal(Errno.Success, vm.Kernel.SocketReceiveRights(process, b, buffer, 8, MessageFlags.None, false, out _, out _, out var fds, out _));
                    Assert.Equal(2, fds.Length);
                    Assert.Equal(Errno.Success, vm.Kernel.SocketReceiveRights(process, fds[1], buffer, 8, MessageFlags.None, false, out _, out _, out var inner, out _));
                    Assert.Single(inner);
                    foreach (var fd in fds.Concat(inner))
                    {
                        vm.Kernel.Close(process, fd);
                    }
                }

                foreach (var fd in new[] { a, b, x, y })
                {
                    vm.Kernel.Close(process, fd);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers).WaitAsync(Generous);
        AssertAllFreed(vm);
    }
}
