using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Net;
using AgentOs.Kernel.Vfs;
using static AgentOs.Kernel.Tests.Net.NetTestVm;

namespace AgentOs.Kernel.Tests.Net;

public sealed class UnixDatagramSocketTests
{
    private const int Cwd = Kernel.AtCwd;

    private static int Dgram(NetTestVm vm, string? bindTo = null, bool nonBlocking = false)
    {
        var fd = vm.Socket(SocketDomain.Unix, SocketKind.Datagram, nonBlocking);
        if (bindTo is not null)
        {
            Assert.Equal(Errno.Success, vm.Kernel.SocketBind(vm.Process, fd, Addr(bindTo)));
        }

        return fd;
    }

    private static UnixDatagramSocket Get(NetTestVm vm, int fd)
    {
        Assert.Equal(Errno.Success, vm.Process.Fds.Get(fd, out var file));
        return (UnixDatagramSocket)file;
    }

    private static Errno SendTo(NetTestVm vm, int fd, ReadOnlySpan<byte> data, string to, MessageFlags flags = MessageFlags.None) =>
        vm.Kernel.SocketSend(vm.Process, fd, data, flags, Addr(to), out _);

    private static (string Text, string From) ReceiveFrom(NetTestVm vm, int fd, int capacity = 64)
    {
        var buffer = new byte[capacity];
        Assert.Equal(Errno.Success, vm.Kernel.SocketReceive(vm.Process, fd, buffer, MessageFlags.None, out var n, out var from));
        return (System.Text.Encoding.UTF8.GetString(buffer, 0, n), from!.ToString());
    }

    private static void AssertGaugesAtZero(NetTestVm vm)
    {
        Assert.Equal(0, vm.Gauge(LimitNames.SocketDatagramQueueLen).Current);
        Assert.Equal(0, vm.Gauge(LimitNames.SocketBufferedBytes).Current);
        Assert.Equal(0, vm.Gauge(LimitNames.Sockets).Current);
    }

    [Fact]
    public void TwoPathBoundSocketsExchangeDatagramsAndSeeEachOthersNames()
    {
        var vm = new NetTestVm();
        var server = Dgram(vm, "unix:/tmp/srv.sock");
        var client = Dgram(vm, "unix:/tmp/cli.sock");

        Assert.Equal(Errno.Success, SendTo(vm, client, "ping"u8, "unix:/tmp/srv.sock"));
        var (text, from) = ReceiveFrom(vm, server);
        Assert.Equal(("ping", "unix:/tmp/cli.sock"), (text, from));
        Assert.Equal(Errno.Success, SendTo(vm, server, "pong"u8, from));
        Assert.Equal(("pong", "unix:/tmp/srv.sock"), ReceiveFrom(vm, client));

        Assert.Equal(FileType.SocketDatagram, Get(vm, server).FileType);
        Assert.Equal(Errno.Success, vm.Kernel.StatAt(vm.Process, Cwd, "/tmp/srv.sock", follow: false, out var stat));
        Assert.Equal(ModeBits.Socket, stat.Mode & ModeBits.TypeMask);
        Assert.Equal(Errno.Success, vm.Kernel.SocketName(vm.Process, server, peer: false, out var name));
        Assert.Equal("unix:/tmp/srv.sock", name.ToString());
        Assert.Equal(Errno.ENOTCONN, vm.Kernel.SocketName(vm.Process, server, peer: true, out _));
    }

    [Fact]
    public void BoundariesAreKeptAndTruncationReportsTheFullLengthWithMsgTrunc()
    {
        var vm = new NetTestVm();
        var server = Dgram(vm, "unix:/tmp/srv.sock");
        var client = Dgram(vm);
        Assert.Equal(Errno.Success, SendTo(vm, client, "first"u8, "unix:/tmp/srv.sock"));
        Assert.Equal(Errno.Success, SendTo(vm, client, "second message"u8, "unix:/tmp/srv.sock"));
        Assert.Equal(Errno.Success, SendTo(vm, client, ""u8, "unix:/tmp/srv.sock"));

        Assert.Equal("first"u8.ToArray(), vm.Receive(server, 64));
        var buffer = new byte[6];
        Assert.Equal(Errno.Success, vm.Kernel.SocketReceive(vm.Process, server, buffer, MessageFlags.Truncate, out var n, out _));
        Assert.Equal(14, n);
        Assert.Equal("second"u8.ToArray(), buffer);
        Assert.Empty(vm.Receive(server, 64));
        Assert.Equal(Errno.EAGAIN, vm.Kernel.SocketReceive(vm.Process, server, buffer, MessageFlags.DontWait, out _, out _));
        Assert.Equal(0, vm.Gauge(LimitNames.SocketDatagramQueueLen).Current);
        Assert.Equal(0, vm.Gauge(LimitNames.SocketBufferedBytes).Current);
    }

    [Fact]
    public void AnUnboundSenderIsReportedAsUnnamed()
    {
        var vm = new NetTestVm();
        var server = Dgram(vm, "unix:/tmp/srv.sock");
        var client = Dgram(vm);

        Assert.Equal(Errno.Success, SendTo(vm, client, "anon"u8, "unix:/tmp/srv.sock"));

        Assert.Equal(("anon", "unix-unnamed"), ReceiveFrom(vm, server));
        Assert.Equal(Errno.Success, vm.Kernel.SocketName(vm.Process, client, peer: false, out var name));
        Assert.Equal("unix-unnamed", name.ToString());
        Assert.Equal(Errno.EINVAL, SendTo(vm, server, "back"u8, "unix-autobind")); // no name to send to
    }

    [Fact]
    public void AbstractAndAutobindNamesLiveInTheDatagramNamespace()
    {
        var vm = new NetTestVm();
        var server = Dgram(vm, "unix-abstract:6467"); // "dg"
        var client = Dgram(vm, "unix-autobind");
        Assert.Equal(Errno.Success, vm.Kernel.SocketName(vm.Process, client, peer: false, out var auto));
        Assert.Matches("^unix-abstract:[0-9a-f]{10}$", auto.ToString());

        Assert.Equal(Errno.Success, SendTo(vm, client, "hi"u8, "unix-abstract:6467"));
        var (text, from) = ReceiveFrom(vm, server);
        Assert.Equal(("hi", auto.ToString()), (text, from));
        Assert.Equal(Errno.Success, SendTo(vm, server, "ho"u8, from));
        Assert.Equal(("ho", "unix-abstract:6467"), ReceiveFrom(vm, client));

        // Taken for datagrams, free for streams (Linux hashes abstract names per type); a stream cannot reach it.
        Assert.Equal(Errno.EADDRINUSE, vm.Kernel.SocketBind(vm.Process, Dgram(vm), Addr("unix-abstract:6467")));
        var stream = vm.Socket(SocketDomain.Unix);
        Assert.Equal(Errno.ECONNREFUSED, vm.Kernel.SocketConnect(vm.Process, stream, Addr("unix-abstract:6467")));
        Assert.Equal(Errno.Success, vm.Kernel.SocketBind(vm.Process, vm.Socket(SocketDomain.Unix), Addr("unix-abstract:6467")));
        Assert.Equal(Errno.ECONNREFUSED, SendTo(vm, client, "x"u8, "unix-abstract:6e6f6e65"));
    }

    [Fact]
    public void SendtoFailsLikeLinuxForMissingPathsNonSocketsStreamSocketsAndClosedSockets()
    {
        var vm = new NetTestVm();
        var client = Dgram(vm);
        Assert.Equal(Errno.Success, vm.Kernel.OpenAt(vm.Process, Cwd, "/tmp/file", OpenFlags.Create | OpenFlags.WriteOnly, 0x1A4, out var file));
        vm.Kernel.Close(vm.Process, file);
        var listener = vm.Socket(SocketDomain.Unix);
        Assert.Equal(Errno.Success, vm.Kernel.SocketBind(vm.Process, listener, Addr("unix:/tmp/stream.sock")));
        Assert.Equal(Errno.Success, vm.Kernel.SocketListen(vm.Process, listener, 4));
        var gone = Dgram(vm, "unix:/tmp/gone.sock");
        vm.Kernel.Close(vm.Process, gone);
        var locked = Dgram(vm, "unix:/tmp/locked.sock");
        Assert.Equal(Errno.Success, vm.Kernel.ChmodAt(vm.Process, Cwd, "/tmp/locked.sock", 0x124, follow: false)); // 0444

        Assert.Equal(Errno.ENOENT, SendTo(vm, client, "x"u8, "unix:/tmp/missing.sock"));
        Assert.Equal(Errno.ECONNREFUSED, SendTo(vm, client, "x"u8, "unix:/tmp/file"));
        Assert.Equal(Errno.EPROTOTYPE, SendTo(vm, client, "x"u8, "unix:/tmp/stream.sock"));
        Assert.Equal(Errno.EPROTOTYPE, vm.Kernel.SocketConnect(vm.Process, client, Addr("unix:/tmp/stream.sock")));
        Assert.Equal(Errno.ECONNREFUSED, SendTo(vm, client, "x"u8, "unix:/tmp/gone.sock"));
        Assert.Equal(Errno.EACCES, SendTo(vm, client, "x"u8, "unix:/tmp/locked.sock"));
        Assert.Equal(Errno.EAFNOSUPPORT, SendTo(vm, client, "x"u8, "127.0.0.1:9"));
        Assert.Equal(Errno.ENOTCONN, vm.Kernel.SocketSend(vm.Process, client, "x"u8, MessageFlags.None, null, out _));
        Assert.Equal(Errno.EACCES, vm.Kernel.SocketConnect(vm.Process, vm.Socket(SocketDomain.Unix), Addr("unix:/tmp/locked.sock")));
        Dgram(vm, "unix:/tmp/open.sock");
        Assert.Equal(Errno.EPROTOTYPE, vm.Kernel.SocketConnect(vm.Process, vm.Socket(SocketDomain.Unix), Addr("unix:/tmp/open.sock")));
        Assert.Equal(Errno.EADDRINUSE, vm.Kernel.SocketBind(vm.Process, Dgram(vm), Addr("unix:/tmp/gone.sock")));
        Assert.Equal(0, Get(vm, locked).Queued);
        Assert.Equal(0, vm.Gauge(LimitNames.SocketDatagramQueueLen).Current);
    }

    [Fact]
    public void ConnectSetsTheDefaultPeerAndTheReceiverRefusesOthers()
    {
        var vm = new NetTestVm();
        var server = Dgram(vm, "unix:/tmp/srv.sock");
        var client = Dgram(vm, "unix:/tmp/cli.sock");
        var other = Dgram(vm, "unix:/tmp/other.sock");
        Assert.Equal(Errno.Success, vm.Kernel.SocketConnect(vm.Process, client, Addr("unix:/tmp/srv.sock")));

        Assert.Equal(Errno.Success, vm.Kernel.SocketName(vm.Process, client, peer: true, out var peer));
        Assert.Equal("unix:/tmp/srv.sock", peer.ToString());
        vm.Send(client, "default"u8);
        Assert.Equal(Errno.Success, SendTo(vm, client, "explicit"u8, "unix:/tmp/other.sock")); // no EISCONN on Unix datagrams
        Assert.Equal(("default", "unix:/tmp/cli.sock"), ReceiveFrom(vm, server));
        Assert.Equal(("explicit", "unix:/tmp/cli.sock"), ReceiveFrom(vm, other));

        // A connected receiver takes datagrams from its peer only (unix_may_send).
        Assert.Equal(Errno.EPERM, SendTo(vm, other, "intruder"u8, "unix:/tmp/cli.sock"));
        Assert.Equal(Errno.EPERM, vm.Kernel.SocketConnect(vm.Process, other, Addr("unix:/tmp/cli.sock")));
        Assert.Equal(Errno.Success, SendTo(vm, server, "reply"u8, "unix:/tmp/cli.sock"));
        Assert.Equal(("reply", "unix:/tmp/srv.sock"), ReceiveFrom(vm, client));

        // The peer closes: the next send is refused and the peer forgotten.
        vm.Kernel.Close(vm.Process, server);
        Assert.Equal(Errno.ECONNREFUSED, vm.Kernel.SocketSend(vm.Process, client, "x"u8, MessageFlags.None, null, out _));
        Assert.Equal(Errno.ENOTCONN, vm.Kernel.SocketSend(vm.Process, client, "x"u8, MessageFlags.None, null, out _));
        Assert.Equal(Errno.ENOTCONN, vm.Kernel.SocketName(vm.Process, client, peer: true, out _));
    }

    [Fact]
    public async Task AFullQueueBlocksTheSenderThenDrainsWithoutLoss()
    {
        var vm = new NetTestVm();
        var server = Dgram(vm, "unix:/tmp/srv.sock");
        var client = Dgram(vm);
        Assert.Equal(Errno.Success, vm.Kernel.SocketConnect(vm.Process, client, Addr("unix:/tmp/srv.sock")));
        for (var i = 0; i < MessageConnection.MaxQueued; i++)
        {
            vm.Send(client, BitConverter.GetBytes(i), MessageFlags.DontWait);
        }

        Assert.Equal(Errno.EAGAIN, vm.Kernel.SocketSend(vm.Process, client, BitConverter.GetBytes(-1), MessageFlags.DontWait, null, out _));
        Assert.Equal(PollEvents.None, Get(vm, client).Poll() & PollEvents.Out);
        Assert.Equal(PollEvents.In, Get(vm, server).Poll() & PollEvents.In);

        var sender = Task.Run(() => vm.Kernel.SocketSend(vm.Process, client, BitConverter.GetBytes(MessageConnection.MaxQueued), MessageFlags.None, null, out _));
        Until(() => Get(vm, server).Waiters == 1);
        Assert.False(sender.IsCompleted);
        Assert.Equal(0, BitConverter.ToInt32(vm.Receive(server, 4)));
        Assert.Equal(Errno.Success, await sender.WaitAsync(Generous));

        for (var i = 1; i <= MessageConnection.MaxQueued; i++)
        {
            Assert.Equal(i, BitConverter.ToInt32(vm.Receive(server, 4)));
        }

        Assert.Equal(PollEvents.Out, Get(vm, client).Poll() & PollEvents.Out);
        Assert.Equal(0, vm.Gauge(LimitNames.SocketDatagramQueueLen).Current);
        Assert.Equal(0, vm.Gauge(LimitNames.SocketBufferedBytes).Current);
    }

    [Fact]
    public void NonBlockingSocketsGetEagainForAFullQueueAndAnEmptyOne()
    {
        var vm = new NetTestVm();
        var server = Dgram(vm, "unix:/tmp/srv.sock", nonBlocking: true);
        var client = Dgram(vm, nonBlocking: true);
        var half = new byte[MessageConnection.QueueCapacity / 2];
        Assert.Equal(Errno.EAGAIN, vm.Kernel.SocketReceive(vm.Process, server, new byte[8], MessageFlags.None, out _, out _));
        Assert.Equal(Errno.Success, SendTo(vm, client, half, "unix:/tmp/srv.sock"));
        Assert.Equal(Errno.Success, SendTo(vm, client, half, "unix:/tmp/srv.sock"));

        Assert.Equal(Errno.EAGAIN, SendTo(vm, client, "1"u8, "unix:/tmp/srv.sock"));
        Assert.Equal(Errno.EMSGSIZE, SendTo(vm, client, new byte[MessageConnection.QueueCapacity + 1], "unix:/tmp/srv.sock"));
        Assert.Equal(half.Length, vm.Receive(server, half.Length).Length);
        Assert.Equal(Errno.Success, SendTo(vm, client, "1"u8, "unix:/tmp/srv.sock"));
    }

    [Fact]
    public void TheVmGaugesBoundUnixDatagramsAndMaxSocketsCountsTheSockets()
    {
        var vm = new NetTestVm(new ResourceLimits { MaxSocketDatagramQueueLen = 2, MaxSockets = 2 });
        var server = Dgram(vm, "unix:/tmp/srv.sock");
        var client = Dgram(vm);
        Assert.Equal(Errno.EAGAIN, vm.Kernel.SocketCreate(vm.Process, SocketDomain.Unix, SocketKind.Datagram, false, false, out _));

        Assert.Equal(Errno.Success, SendTo(vm, client, "1"u8, "unix:/tmp/srv.sock"));
        Assert.Equal(Errno.Success, SendTo(vm, client, "2"u8, "unix:/tmp/srv.sock"));
        Assert.Equal(Errno.EAGAIN, SendTo(vm, client, "3"u8, "unix:/tmp/srv.sock"));
        Assert.Equal(2, Get(vm, server).Queued);
        Assert.Equal("1"u8.ToArray(), vm.Receive(server, 8));
        Assert.Equal(Errno.Success, SendTo(vm, client, "3"u8, "unix:/tmp/srv.sock"));
    }

    [Fact]
    public void RightsTravelOverAConnectedDatagramSocket()
    {
        var vm = new NetTestVm();
        var server = Dgram(vm, "unix:/tmp/srv.sock");
        var client = Dgram(vm);
        Assert.Equal(Errno.Success, vm.Kernel.SocketConnect(vm.Process, client, Addr("unix:/tmp/srv.sock")));
        Assert.Equal(Errno.Success, vm.Kernel.Pipe(vm.Process, out var read, out var write));
        Assert.Equal(Errno.ENOTCONN, vm.Kernel.SocketSendRights(vm.Process, server, "fd"u8, [write], MessageFlags.None, out _));
        Assert.Equal(Errno.Success, vm.Kernel.SocketSendRights(vm.Process, client, "fd"u8, [write], MessageFlags.None, out var sent));
        Assert.Equal(2, sent);
        vm.Kernel.Close(vm.Process, write);

        var buffer = new byte[8];
        Assert.Equal(Errno.Success, vm.Kernel.SocketReceiveRights(vm.Process, server, buffer, 4, MessageFlags.None, false, out var received, out _, out var fds, out _));
        Assert.Equal(2, received);
        var passed = Assert.Single(fds);
        Assert.Equal(Errno.Success, vm.Kernel.Write(vm.Process, passed, "hello"u8, out _));
        vm.Kernel.Close(vm.Process, passed);
        Assert.Equal(Errno.Success, vm.Kernel.Read(vm.Process, read, buffer, out var n));
        Assert.Equal("hello"u8.ToArray(), buffer[..n]);
        Assert.Equal(Errno.Success, vm.Kernel.Read(vm.Process, read, buffer, out n));
        Assert.Equal(0, n);
    }

    [Fact]
    public void CloseReleasesTheNameQueuedDatagramsTheirRightsAndEveryGauge()
    {
        var vm = new NetTestVm();
        var inodes = vm.Gauge(LimitNames.Inodes).Current;
        var server = Dgram(vm, "unix:/tmp/srv.sock");
        var abstractServer = Dgram(vm, "unix-abstract:61");
        var client = Dgram(vm, "unix-autobind");
        Assert.Equal(Errno.Success, vm.Kernel.SocketConnect(vm.Process, client, Addr("unix:/tmp/srv.sock")));
        Assert.Equal(Errno.Success, vm.Kernel.Pipe(vm.Process, out var read, out var write));
        Assert.Equal(Errno.Success, vm.Kernel.SocketSendRights(vm.Process, client, "r"u8, [write], MessageFlags.None, out _));
        vm.Kernel.Close(vm.Process, write);
        vm.Send(client, "queued"u8);
        Assert.Equal(Errno.Success, SendTo(vm, client, "queued too"u8, "unix-abstract:61"));
        Assert.Equal(3, vm.Gauge(LimitNames.SocketDatagramQueueLen).Current);
        Assert.Equal(17, vm.Gauge(LimitNames.SocketBufferedBytes).Current);

        vm.Kernel.Close(vm.Process, server);
        vm.Kernel.Close(vm.Process, abstractServer);
        vm.Kernel.Close(vm.Process, client);

        vm.Kernel.Close(vm.Process, read);
        AssertGaugesAtZero(vm);
        Assert.Equal(inodes + 1, vm.Gauge(LimitNames.Inodes).Current); // the path node stays
        Assert.Equal(Errno.Success, vm.Kernel.StatAt(vm.Process, Cwd, "/tmp/srv.sock", follow: false, out _));
        var again = Dgram(vm, "unix-abstract:61"); // the abstract name is free again
        Assert.Equal(Errno.ECONNREFUSED, SendTo(vm, again, "x"u8, "unix:/tmp/srv.sock"));
    }

    [Fact]
    public void TheDroppedRightsOfAClosedReceiverAreClosed()
    {
        var vm = new NetTestVm();
        var server = Dgram(vm, "unix:/tmp/srv.sock");
        var client = Dgram(vm);
        Assert.Equal(Errno.Success, vm.Kernel.SocketConnect(vm.Process, client, Addr("unix:/tmp/srv.sock")));
        Assert.Equal(Errno.Success, vm.Kernel.Pipe(vm.Process, out var read, out var write));
        Assert.Equal(Errno.Success, vm.Kernel.SocketSendRights(vm.Process, client, "r"u8, [write], MessageFlags.None, out _));
        vm.Kernel.Close(vm.Process, write);

        vm.Kernel.Close(vm.Process, server);

        Assert.Equal(Errno.Success, vm.Kernel.Read(vm.Process, read, new byte[4], out var n));
        Assert.Equal(0, n); // the in-flight write end was the last one
    }
}
