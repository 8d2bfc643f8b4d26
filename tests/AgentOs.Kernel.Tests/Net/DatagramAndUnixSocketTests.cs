using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Net;
using static AgentOs.Kernel.Tests.Net.NetTestVm;

namespace AgentOs.Kernel.Tests.Net;

public sealed class DatagramAndUnixSocketTests
{
    [Fact]
    public void UdpDatagramsRoundTripWithTheirSourceAddress()
    {
        var vm = new NetTestVm();
        var server = vm.Socket(kind: SocketKind.Datagram);
        Assert.Equal(Errno.Success, vm.Kernel.SocketBind(vm.Process, server, Addr("127.0.0.1:5353")));
        var client = vm.Socket(kind: SocketKind.Datagram);

        Assert.Equal(Errno.Success, vm.Kernel.SocketSend(vm.Process, client, "query"u8, MessageFlags.None, Addr("127.0.0.1:5353"), out var sent));
        Assert.Equal(5, sent);
        var buffer = new byte[64];
        Assert.Equal(Errno.Success, vm.Kernel.SocketReceive(vm.Process, server, buffer, MessageFlags.None, out var n, out var from));
        Assert.Equal("query"u8.ToArray(), buffer[..n]);

        Assert.Equal(Errno.Success, vm.Kernel.SocketSend(vm.Process, server, "answer"u8, MessageFlags.None, from, out _));
        Assert.Equal(Errno.Success, vm.Kernel.SocketReceive(vm.Process, client, buffer, MessageFlags.None, out n, out var replyFrom));
        Assert.Equal("answer"u8.ToArray(), buffer[..n]);
        Assert.Equal("127.0.0.1:5353", replyFrom!.ToString());
    }

    [Fact]
    public void DatagramsAreSentWholeOrRefusedNeverCut()
    {
        var vm = new NetTestVm(new ResourceLimits { MaxFdWriteBytes = 1000 });
        var server = vm.Socket(kind: SocketKind.Datagram);
        Assert.Equal(Errno.Success, vm.Kernel.SocketBind(vm.Process, server, Addr("127.0.0.1:5353")));
        var client = vm.Socket(kind: SocketKind.Datagram);

        Assert.Equal(Errno.EMSGSIZE, vm.Kernel.SocketSend(vm.Process, client, new byte[65_508], MessageFlags.None, Addr("127.0.0.1:5353"), out _));
        Assert.Equal(Errno.Success, vm.Kernel.SocketSend(vm.Process, client, new byte[65_507], MessageFlags.None, Addr("127.0.0.1:5353"), out var sent));
        Assert.Equal(65_507, sent);
        Assert.Equal(65_507, vm.Receive(server, 70_000).Length);

        Assert.Equal(Errno.Success, vm.Kernel.SocketPair(vm.Process, SocketKind.Datagram, false, false, out var a, out var b));
        Assert.Equal(Errno.Success, vm.Kernel.SocketSend(vm.Process, a, new byte[5000], MessageFlags.None, null, out sent));
        Assert.Equal(5000, sent);
        Assert.Equal(5000, vm.Receive(b, 8000).Length);
    }

    [Fact]
    public void LongDatagramsAreTruncatedAndMsgTruncReportsTheFullLength()
    {
        var vm = new NetTestVm();
        var server = vm.Socket(kind: SocketKind.Datagram);
        Assert.Equal(Errno.Success, vm.Kernel.SocketBind(vm.Process, server, Addr("127.0.0.1:7000")));
        var client = vm.Socket(kind: SocketKind.Datagram);
        vm.Kernel.SocketSend(vm.Process, client, "0123456789"u8, MessageFlags.None, Addr("127.0.0.1:7000"), out _);
        vm.Kernel.SocketSend(vm.Process, client, "abcdef"u8, MessageFlags.None, Addr("127.0.0.1:7000"), out _);

        var buffer = new byte[4];
        Assert.Equal(Errno.Success, vm.Kernel.SocketReceive(vm.Process, server, buffer, MessageFlags.Truncate, out var n, out _));
        Assert.Equal(10, n);
        Assert.Equal("0123"u8.ToArray(), buffer);
        Assert.Equal(Errno.Success, vm.Kernel.SocketReceive(vm.Process, server, buffer, MessageFlags.None, out n, out _));
        Assert.Equal(4, n);
        Assert.Equal(0, vm.Gauge(LimitNames.SocketDatagramQueueLen).Current);
        Assert.Equal(0, vm.Gauge(LimitNames.SocketBufferedBytes).Current);
    }

    [Fact]
    public void AFullDatagramQueueGivesEagain()
    {
        var vm = new NetTestVm(new ResourceLimits { MaxSocketDatagramQueueLen = 2 });
        var server = vm.Socket(kind: SocketKind.Datagram);
        Assert.Equal(Errno.Success, vm.Kernel.SocketBind(vm.Process, server, Addr("127.0.0.1:7000")));
        var client = vm.Socket(kind: SocketKind.Datagram);
        var to = Addr("127.0.0.1:7000");

        Assert.Equal(Errno.Success, vm.Kernel.SocketSend(vm.Process, client, "1"u8, MessageFlags.None, to, out _));
        Assert.Equal(Errno.Success, vm.Kernel.SocketSend(vm.Process, client, "2"u8, MessageFlags.None, to, out _));
        Assert.Equal(Errno.EAGAIN, vm.Kernel.SocketSend(vm.Process, client, "3"u8, MessageFlags.None, to, out _));
        Assert.Equal("1"u8.ToArray(), vm.Receive(server, 8));
        Assert.Equal(Errno.Success, vm.Kernel.SocketSend(vm.Process, client, "3"u8, MessageFlags.None, to, out _));
    }

    [Fact]
    public void UdpToAnExternalAddressIsDenied()
    {
        var vm = new NetTestVm();
        var client = vm.Socket(kind: SocketKind.Datagram);
        Assert.Equal(Errno.EACCES, vm.Kernel.SocketSend(vm.Process, client, "x"u8, MessageFlags.None, Addr("8.8.8.8:53"), out _));
    }

    [Fact]
    public void UnixStreamSocketsConnectByPathIncludingRelativeOnes()
    {
        var vm = new NetTestVm();
        var listener = vm.Socket(SocketDomain.Unix);
        Assert.Equal(Errno.Success, vm.Kernel.SocketBind(vm.Process, listener, Addr("unix:/tmp/app.sock")));
        Assert.Equal(Errno.Success, vm.Kernel.SocketListen(vm.Process, listener, 4));
        var client = vm.Socket(SocketDomain.Unix);

        Assert.Equal(Errno.Success, vm.Kernel.SocketConnect(vm.Process, client, Addr("unix-path-hex:" + Convert.ToHexString("/tmp/app.sock\0junk"u8))));
        Assert.Equal(Errno.Success, vm.Kernel.SocketAccept(vm.Process, listener, out var server, out var peer));
        Assert.Equal("unix-unnamed", peer!.ToString());
        vm.Send(client, "over unix"u8);
        Assert.Equal("over unix"u8.ToArray(), vm.Receive(server, 32));
        Assert.Equal(Errno.Success, vm.Kernel.SocketName(vm.Process, client, peer: true, out var name));
        Assert.Equal("unix:/tmp/app.sock", name.ToString());

        var other = vm.Socket(SocketDomain.Unix);
        Assert.Equal(Errno.EADDRINUSE, vm.Kernel.SocketBind(vm.Process, other, Addr("/tmp/app.sock")));
        Assert.Equal(Errno.ENOENT, vm.Kernel.SocketConnect(vm.Process, other, Addr("unix:/tmp/none.sock")));
        Assert.Equal(Errno.EAFNOSUPPORT, vm.Kernel.SocketConnect(vm.Process, other, Addr("127.0.0.1:1")));
    }

    [Fact]
    public void SocketPairIsAConnectedUnixPairCountedAsTwoSockets()
    {
        var vm = new NetTestVm();
        Assert.Equal(Errno.Success, vm.Kernel.SocketPair(vm.Process, SocketKind.Stream, false, false, out var a, out var b));
        Assert.Equal(2, vm.Gauge(LimitNames.Sockets).Current);

        vm.Send(a, "ab"u8);
        Assert.Equal("ab"u8.ToArray(), vm.Receive(b, 8));
        vm.Send(b, "ba"u8);
        Assert.Equal("ba"u8.ToArray(), vm.Receive(a, 8));

        vm.Kernel.Close(vm.Process, a);
        vm.Kernel.Close(vm.Process, b);
        Assert.Equal(0, vm.Gauge(LimitNames.Sockets).Current);
        Assert.Equal(0, vm.Gauge(LimitNames.Connections).Current);
    }

    [Theory]
    [InlineData("127.0.0.1:80", "127.0.0.1:80")]
    [InlineData("[::1]:8080", "[::1]:8080")]
    [InlineData("::1:8080", "[::1]:8080")]
    [InlineData("::ffff:127.0.0.1:22", "127.0.0.1:22")]
    [InlineData("localhost:3000", "localhost:3000")]
    [InlineData("unix:/run/x", "unix:/run/x")]
    [InlineData("/legacy/path", "unix:/legacy/path")]
    [InlineData("unix-abstract:6162", "unix-abstract:6162")]
    [InlineData("unix-autobind", "unix-unnamed")]
    public void AddressTextParsesAndFormats(string text, string formatted)
    {
        Assert.Equal(formatted, Addr(text).ToString());
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:65536")]
    [InlineData(":80")]
    [InlineData("[::1]80")]
    [InlineData("unix-path-hex:zz")]
    public void MalformedAddressTextIsEinval(string text)
    {
        Assert.Equal(Errno.EINVAL, SocketEndpoint.TryParse(text, out _));
    }
}
