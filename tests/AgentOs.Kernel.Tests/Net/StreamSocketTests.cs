using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Net;
using AgentOs.Testing;
using static AgentOs.Kernel.Tests.Net.NetTestVm;

namespace AgentOs.Kernel.Tests.Net;

public sealed class StreamSocketTests
{
    [Fact]
    public void ConnectedPairCarriesBytesBothWaysAndNamesItsEnds()
    {
        var vm = new NetTestVm();
        var listener = vm.Listener();
        var (client, server) = vm.Connected(listener);

        Assert.Equal(5, vm.Send(client, "hello"u8));
        Assert.Equal("hello"u8.ToArray(), vm.Receive(server, 64));
        Assert.Equal(3, vm.Send(server, "bye"u8));
        Assert.Equal("bye"u8.ToArray(), vm.Receive(client, 64));

        Assert.Equal(Errno.Success, vm.Kernel.SocketName(vm.Process, client, peer: true, out var peer));
        Assert.Equal("127.0.0.1:8080", peer.ToString());
        Assert.Equal(Errno.Success, vm.Kernel.SocketName(vm.Process, client, peer: false, out var local));
        Assert.True(local.Port >= SocketTable.FirstEphemeralPort);
        Assert.Equal(Errno.Success, vm.Kernel.SocketName(vm.Process, server, peer: true, out var serverPeer));
        Assert.Equal(local, serverPeer);
    }

    [Fact]
    public void ConnectWithoutListenerIsRefusedAndExternalAddressesAreDenied()
    {
        var vm = new NetTestVm();
        var fd = vm.Socket();

        Assert.Equal(Errno.ECONNREFUSED, vm.Kernel.SocketConnect(vm.Process, fd, Addr("127.0.0.1:9")));
        Assert.Equal(Errno.EACCES, vm.Kernel.SocketConnect(vm.Process, fd, Addr("93.184.216.34:80")));
        Assert.Equal(Errno.EACCES, vm.Kernel.SocketConnect(vm.Process, fd, Addr("example.com:80")));
        Assert.Equal(Errno.EACCES, vm.Kernel.SocketBind(vm.Process, fd, Addr("10.0.0.1:80")));
        Assert.Equal(0, vm.Gauge(LimitNames.Connections).Current);
    }

    [Theory]
    [InlineData("10.1.2.3:9")]
    [InlineData("169.254.169.254:9")]
    [InlineData("[::ffff:192.168.1.1]:9")]
    [InlineData("[fd00::1]:9")]
    public void AnAllowedTcpConnectToARestrictedLiteralNeedsARuleNamingIt(string destination)
    {
        var vm = new NetTestVm();
        vm.Kernel.NetworkPolicy = new NetworkPolicy(["*:9"]);
        var fd = vm.Socket(SocketDomain.Inet6);

        Assert.Equal(Errno.EACCES, vm.Kernel.SocketConnect(vm.Process, fd, Addr(destination)));
        Assert.Equal(1, vm.Gauge(LimitNames.Sockets).Current); // no bridge socket was opened
        Assert.Equal(0, vm.Gauge(LimitNames.Connections).Current);
    }

    [Fact]
    public void TheHostsOwnInterfaceAddressesNeedARuleNamingThemEvenUnderAWildcard()
    {
        // Every unicast address of this machine is the host itself, whatever range it is in (here e.g. 192.0.2.2).
        var own = System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(n => n.GetIPProperties().UnicastAddresses.Select(u => u.Address))
            .Where(a => !System.Net.IPAddress.IsLoopback(a) && a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            .ToList();
        Assert.NotEmpty(own); // every machine this runs on (developers', CI) has one
        using var hostListener = new System.Net.Sockets.TcpListener(own[0], 0);
        hostListener.Start();
        var port = ((System.Net.IPEndPoint)hostListener.LocalEndpoint).Port;
        var vm = new NetTestVm();
        vm.Kernel.NetworkPolicy = new NetworkPolicy(["*"]);
        var fd = vm.Socket(SocketDomain.Inet6);

        Assert.Equal(Errno.EACCES, vm.Kernel.SocketConnect(vm.Process, fd, Addr($"{own[0]}:{port}")));
        Assert.False(hostListener.Pending());

        vm.Kernel.NetworkPolicy = new NetworkPolicy([$"{own[0]}:{port}"]);
        Assert.Equal(Errno.Success, vm.Kernel.SocketConnect(vm.Process, vm.Socket(SocketDomain.Inet6), Addr($"{own[0]}:{port}")));
    }

    [Theory]
    [InlineData("ff02::1", "multicast range ff00::/8")]
    [InlineData("255.255.255.255", "reserved range 240.0.0.0/4")]
    public void MulticastAndBroadcastAreRestricted(string address, string range) =>
        Assert.Equal(range, RestrictedAddresses.Find(System.Net.IPAddress.Parse(address)));

    [Theory]
    [InlineData("[::127.0.0.1]")]
    [InlineData("[::ffff:127.0.0.1]")]
    [InlineData("127.1.2.3")]
    public void LoopbackLiteralsInAnyFormStayInsideTheVmEvenUnderAWildcardRule(string host)
    {
        using var hostListener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        hostListener.Start();
        var port = ((System.Net.IPEndPoint)hostListener.LocalEndpoint).Port;
        var vm = new NetTestVm();
        vm.Kernel.NetworkPolicy = new NetworkPolicy(["*"]);
        var fd = vm.Socket(SocketDomain.Inet6);

        Assert.Equal(Errno.ECONNREFUSED, vm.Kernel.SocketConnect(vm.Process, fd, Addr($"{host}:{port}"))); // no VM listener
        Assert.False(hostListener.Pending());
        Assert.Equal(1, vm.Gauge(LimitNames.Sockets).Current);
    }

    [Fact]
    public void ANameResolvingToTheHostsLoopbackNeedsARuleNamingIt()
    {
        using var dns = FakeDnsServer.WithLoopbackName();
        var vm = new NetTestVm();
        vm.Kernel.NetworkPolicy = new NetworkPolicy(["*"]);
        vm.Kernel.DnsServers = [dns.EndPoint];
        var fd = vm.Socket();

        // The rule matches the name, so this is the answer (127.0.0.1) refused: an unresolved name is EHOSTUNREACH.
        Assert.Equal(Errno.EACCES, vm.Kernel.SocketConnect(vm.Process, fd, Addr($"{FakeDnsServer.LoopbackName}:9")));
        Assert.Equal(1, vm.Gauge(LimitNames.Sockets).Current); // no bridge socket was opened
    }

    [Fact]
    public void LocalhostResolvesToTheLoopbackListener()
    {
        var vm = new NetTestVm();
        var listener = vm.Listener("0.0.0.0:3000");
        var (client, server) = vm.Connected(listener, "localhost:3000");

        vm.Send(client, "x"u8);
        Assert.Equal("x"u8.ToArray(), vm.Receive(server, 1));
    }

    [Fact]
    public void BindingATakenPortFailsWithEaddrinuseUntilTheOwnerCloses()
    {
        var vm = new NetTestVm();
        var first = vm.Listener("127.0.0.1:80");
        var second = vm.Socket();

        Assert.Equal(Errno.EADDRINUSE, vm.Kernel.SocketBind(vm.Process, second, Addr("127.0.0.1:80")));
        Assert.Equal(Errno.Success, vm.Kernel.Close(vm.Process, first));
        Assert.Equal(Errno.Success, vm.Kernel.SocketBind(vm.Process, second, Addr("127.0.0.1:80")));
        Assert.Equal(Errno.EINVAL, vm.Kernel.SocketBind(vm.Process, second, Addr("127.0.0.1:81")));
    }

    [Fact]
    public void SocketCreationFailsWithEagainAtExactlyMaxSocketsAndChangesNothing()
    {
        var vm = new NetTestVm(new ResourceLimits { MaxSockets = 5 });
        var sockets = vm.Gauge(LimitNames.Sockets);
        var fds = Enumerable.Range(0, 5).Select(_ => vm.Socket()).ToList();
        var openFds = vm.Process.Fds.Count;

        Assert.Equal(Errno.EAGAIN, vm.Kernel.SocketCreate(vm.Process, SocketDomain.Inet, SocketKind.Stream, false, false, out _));
        Assert.Equal(5, sockets.Current);
        Assert.Equal(openFds, vm.Process.Fds.Count);

        Assert.Equal(Errno.Success, vm.Kernel.Close(vm.Process, fds[0]));
        Assert.Equal(4, sockets.Current);
        vm.Socket();
    }

    [Fact]
    public void ConnectFailsWithEagainAtMaxConnections()
    {
        var vm = new NetTestVm(new ResourceLimits { MaxConnections = 1 });
        var listener = vm.Listener();
        vm.Connected(listener);
        var extra = vm.Socket();

        Assert.Equal(Errno.EAGAIN, vm.Kernel.SocketConnect(vm.Process, extra, Addr("127.0.0.1:8080")));
        Assert.Equal(1, vm.Gauge(LimitNames.Connections).Current);
    }

    [Fact]
    public void ClosingBothEndsReturnsEveryUnit()
    {
        var vm = new NetTestVm();
        var listener = vm.Listener();
        var (client, server) = vm.Connected(listener);
        vm.Send(client, new byte[1000]);
        vm.Connected(listener); // a second connection
        var pendingClient = vm.Socket();
        Assert.Equal(Errno.Success, vm.Kernel.SocketConnect(vm.Process, pendingClient, Addr("127.0.0.1:8080"))); // never accepted

        foreach (var fd in vm.Process.Fds.OpenDescriptors())
        {
            vm.Kernel.Close(vm.Process, fd);
        }

        Assert.Equal(0, vm.Gauge(LimitNames.Sockets).Current);
        Assert.Equal(0, vm.Gauge(LimitNames.Connections).Current);
        Assert.Equal(0, vm.Gauge(LimitNames.SocketBufferedBytes).Current);
        Assert.Null(vm.Kernel.Sockets.FindTcp(8080));
    }

    [Fact]
    public void PeerCloseGivesEofThenEpipe()
    {
        var vm = new NetTestVm();
        var (client, server) = vm.Connected(vm.Listener());
        vm.Send(client, "tail"u8);
        Assert.Equal(Errno.Success, vm.Kernel.Close(vm.Process, client));

        Assert.Equal("tail"u8.ToArray(), vm.Receive(server, 64));
        Assert.Empty(vm.Receive(server, 64));
        Assert.Equal(Errno.EPIPE, vm.Kernel.SocketSend(vm.Process, server, "x"u8, MessageFlags.NoSignal, null, out _));
    }

    [Fact]
    public void ClosingWithUnreadDataResetsThePeer()
    {
        var vm = new NetTestVm();
        var (client, server) = vm.Connected(vm.Listener());
        vm.Send(client, "unread"u8);
        Assert.Equal(Errno.Success, vm.Kernel.Close(vm.Process, server));

        Assert.Equal(Errno.ECONNRESET, vm.Kernel.SocketReceive(vm.Process, client, new byte[8], MessageFlags.None, out _, out _));
    }

    [Fact]
    public void ShutdownWriteGivesThePeerEofAndLocalSendsEpipe()
    {
        var vm = new NetTestVm();
        var (client, server) = vm.Connected(vm.Listener());
        Assert.Equal(Errno.Success, vm.Kernel.Shutdown(vm.Process, client, 2));

        Assert.Empty(vm.Receive(server, 8));
        Assert.Equal(Errno.EPIPE, vm.Kernel.SocketSend(vm.Process, client, "x"u8, MessageFlags.NoSignal, null, out _));
        vm.Send(server, "still"u8);
        Assert.Equal("still"u8.ToArray(), vm.Receive(client, 8));
        Assert.Equal(Errno.ENOTSOCK, vm.Kernel.Shutdown(vm.Process, vm.PipeFd(), 2));
    }

    [Fact]
    public async Task PeekLeavesBytesAndWaitAllCollectsAcrossSends()
    {
        var vm = new NetTestVm();
        var (client, server) = vm.Connected(vm.Listener());
        vm.Send(client, "abc"u8);

        Assert.Equal("ab"u8.ToArray(), vm.Receive(server, 2, MessageFlags.Peek));
        Assert.Equal("abc"u8.ToArray(), vm.Receive(server, 3));

        var reader = Task.Run(() => vm.Receive(server, 6, MessageFlags.WaitAll));
        vm.Send(client, "12"u8);
        Until(() => ConnectionOf(vm, server).Buffered(1) == 0 && ConnectionOf(vm, server).Waiters == 1);
        vm.Send(client, "3456"u8);
        Assert.Equal("123456"u8.ToArray(), await reader.WaitAsync(Generous));
    }

    [Fact]
    public void NothingToReadGivesEagainWhenNonBlockingOrDontwait()
    {
        var vm = new NetTestVm();
        var listener = vm.Listener();
        var (client, server) = vm.Connected(listener, nonBlocking: true);

        Assert.Equal(Errno.EAGAIN, vm.Kernel.SocketReceive(vm.Process, client, new byte[4], MessageFlags.None, out _, out _));
        Assert.Equal(Errno.EAGAIN, vm.Kernel.SocketReceive(vm.Process, server, new byte[4], MessageFlags.DontWait, out _, out _));
        Assert.Equal(Errno.Success, vm.Kernel.SetStatusFlags(vm.Process, listener, OpenFlags.NonBlock));
        Assert.Equal(Errno.EAGAIN, vm.Kernel.SocketAccept(vm.Process, listener, out _, out _));
    }

    [Fact]
    public void BlockingAcceptAndReceiveEndAtMaxBlockingReadMsWithNoticesOnStderr()
    {
        var vm = new NetTestVm(new ResourceLimits { MaxBlockingReadMs = 100 });
        Assert.Equal(Errno.Success, vm.Kernel.Pipe(vm.Process, out var stderrRead, out var stderrWrite));
        Assert.Equal(Errno.Success, vm.Kernel.Dup2(vm.Process, stderrWrite, 2));
        var listener = vm.Listener();

        Assert.Equal(Errno.ETIMEDOUT, vm.Kernel.SocketAccept(vm.Process, listener, out _, out _));
        var (client, _) = vm.Connected(listener);
        Assert.Equal(Errno.ETIMEDOUT, vm.Kernel.SocketReceive(vm.Process, client, new byte[4], MessageFlags.None, out _, out _));
        Assert.Equal(Errno.Success, vm.Kernel.SocketSetOption(vm.Process, client, SocketOption.ReceiveTimeoutMs, 10));
        Assert.Equal(Errno.EAGAIN, vm.Kernel.SocketReceive(vm.Process, client, new byte[4], MessageFlags.None, out _, out _));

        var buffer = new byte[4096];
        Assert.Equal(Errno.Success, vm.Kernel.Read(vm.Process, stderrRead, buffer, out var read));
        Assert.Equal(
            [
                "[agentos] blocking socket accept is nearing limits.resources.maxBlockingReadMs (100 ms)",
                "[agentos] blocking socket accept exceeded limits.resources.maxBlockingReadMs (100 ms); raise limits.resources.maxBlockingReadMs if needed",
                "[agentos] blocking socket receive is nearing limits.resources.maxBlockingReadMs (100 ms)",
                "[agentos] blocking socket receive exceeded limits.resources.maxBlockingReadMs (100 ms); raise limits.resources.maxBlockingReadMs if needed",
            ],
            System.Text.Encoding.UTF8.GetString(buffer, 0, read).Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void ANoticeNeverWaitsOnAFullStderrPipe()
    {
        var vm = new NetTestVm(new ResourceLimits { MaxBlockingReadMs = 50 });
        Assert.Equal(Errno.Success, vm.Kernel.Pipe(vm.Process, out _, out var stderrWrite));
        Assert.Equal(Errno.Success, vm.Kernel.Dup2(vm.Process, stderrWrite, 2));
        Assert.Equal(Errno.Success, vm.Kernel.SetStatusFlags(vm.Process, 2, OpenFlags.NonBlock));
        while (vm.Kernel.Write(vm.Process, 2, new byte[4096], out _) == Errno.Success)
        {
        }

        Assert.Equal(Errno.Success, vm.Kernel.SetStatusFlags(vm.Process, 2, 0));
        var listener = vm.Listener();

        Assert.Equal(Errno.ETIMEDOUT, vm.Kernel.SocketAccept(vm.Process, listener, out _, out _)); // returns, not stuck
    }

    [Fact]
    public async Task BlockedAcceptIsWokenByAConnect()
    {
        var vm = new NetTestVm();
        var listener = vm.Listener();
        var accept = Task.Run(() => vm.Kernel.SocketAccept(vm.Process, listener, out _, out var peer) == Errno.Success ? peer : null);
        Until(() => ((StreamSocket)File(vm, listener)).AcceptWaiters == 1);

        var client = vm.Socket();
        Assert.Equal(Errno.Success, vm.Kernel.SocketConnect(vm.Process, client, Addr("127.0.0.1:8080")));

        Assert.NotNull(await accept.WaitAsync(Generous));
    }

    [Fact]
    public void NonBlockingSendFillsTheVmBudgetThenGivesEagain()
    {
        var vm = new NetTestVm(new ResourceLimits { MaxSocketBufferedBytes = 8192 });
        var (client, server) = vm.Connected(vm.Listener(), nonBlocking: true);

        Assert.Equal(8192, vm.Send(client, new byte[20000]));
        Assert.Equal(Errno.EAGAIN, vm.Kernel.SocketSend(vm.Process, client, "x"u8, MessageFlags.None, null, out _));
        Assert.Equal(8192, vm.Gauge(LimitNames.SocketBufferedBytes).Current);
        Assert.Equal(4096, vm.Receive(server, 4096).Length);
        Assert.Equal(4096, vm.Send(client, new byte[20000]));
    }

    [Fact]
    public async Task ABlockingWriterWaitsForASlowReaderAndNoByteIsLost()
    {
        var vm = new NetTestVm(new ResourceLimits { MaxSocketBufferedBytes = 4096 });
        var (client, server) = vm.Connected(vm.Listener());
        var payload = Bytes(1 << 20, seed: 3);

        var writer = Task.Run(() => vm.Kernel.SocketSend(vm.Process, client, payload, MessageFlags.None, null, out var sent) == Errno.Success ? sent : -1);
        Until(() => vm.Kernel.Sockets.BudgetWaiters == 1);
        Assert.False(writer.IsCompleted);

        var received = new MemoryStream();
        var buffer = new byte[1000];
        while (received.Length < payload.Length)
        {
            Assert.Equal(Errno.Success, vm.Kernel.SocketReceive(vm.Process, server, buffer, MessageFlags.None, out var n, out _));
            received.Write(buffer, 0, n);
        }

        Assert.Equal(payload.Length, await writer.WaitAsync(Generous));
        Assert.Equal(Sum(payload), Sum(received.ToArray()));
        Assert.True(vm.Gauge(LimitNames.SocketBufferedBytes).HighWater <= 4096);
    }

    [Fact]
    public async Task PollReportsAPendingConnectionAndData()
    {
        var vm = new NetTestVm();
        var listener = vm.Listener();
        var client = vm.Socket();
        var fds = new[] { new PollFd(listener, PollEvents.In) };
        Assert.Equal(Errno.Success, vm.Kernel.Poll(vm.Process, fds, 0, out var ready));
        Assert.Equal(0, ready);

        Assert.Equal(Errno.Success, vm.Kernel.SocketConnect(vm.Process, client, Addr("127.0.0.1:8080")));
        Assert.Equal(Errno.Success, vm.Kernel.Poll(vm.Process, fds, 0, out ready));
        Assert.Equal(PollEvents.In, fds[0].Returned);

        Assert.Equal(Errno.Success, vm.Kernel.SocketAccept(vm.Process, listener, out var server, out _));
        var waitForData = new[] { new PollFd(server, PollEvents.In) };
        var poll = Task.Run(() => vm.Kernel.Poll(vm.Process, waitForData, -1, out var r) == Errno.Success ? r : -1);
        vm.Send(client, "ping"u8);
        Assert.Equal(1, await poll.WaitAsync(Generous));
        Assert.Equal(PollEvents.In, waitForData[0].Returned);
    }

    [Fact]
    public void ReadAndWriteSystemCallsWorkOnSockets()
    {
        var vm = new NetTestVm();
        var (client, server) = vm.Connected(vm.Listener());
        Assert.Equal(Errno.Success, vm.Kernel.Write(vm.Process, client, "via write"u8, out var written));
        Assert.Equal(9, written);
        var buffer = new byte[16];
        Assert.Equal(Errno.Success, vm.Kernel.Read(vm.Process, server, buffer, out var read));
        Assert.Equal("via write"u8.ToArray(), buffer[..read]);
        Assert.Equal(Errno.Success, vm.Kernel.Fstat(vm.Process, server, out var stat));
        Assert.Equal(FileType.SocketStream, stat.FileType);
    }

    private static FileDescription File(NetTestVm vm, int fd)
    {
        Assert.Equal(Errno.Success, vm.Kernel.GetFile(vm.Process, fd, out var file));
        return file;
    }

    private static StreamConnection ConnectionOf(NetTestVm vm, int fd) => ((StreamSocket)File(vm, fd)).Connection!;
}
