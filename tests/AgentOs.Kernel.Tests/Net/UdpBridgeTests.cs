using System.Net;
using System.Net.Sockets;
using System.Text;
using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Net;
using AgentOs.Testing;
using static AgentOs.Kernel.Tests.Net.NetTestVm;

namespace AgentOs.Kernel.Tests.Net;

/// <summary>UDP to allowed destinations outside the VM, against a host socket on this machine's loopback (reached
/// through a name a fake DNS server answers with 127.0.0.1).</summary>
public sealed class UdpBridgeTests
{
    [Fact]
    public async Task RepliesBeyondAFullDatagramQueueWaitOnTheHostSocketAndAreAllDelivered()
    {
        const string Alias = FakeDnsServer.LoopbackName;
        using var dns = FakeDnsServer.WithLoopbackName();
        using var server = new UdpClient(AddressFamily.InterNetworkV6);
        server.Client.DualMode = true;
        server.Client.Bind(new IPEndPoint(IPAddress.IPv6Any, 0));
        var port = ((IPEndPoint)server.Client.LocalEndPoint!).Port;
        var vm = new NetTestVm(new ResourceLimits { MaxSocketDatagramQueueLen = 2 });
        vm.Kernel.NetworkPolicy = new NetworkPolicy([Alias]);
        vm.Kernel.DnsServers = [dns.EndPoint];
        var guest = vm.Socket(kind: SocketKind.Datagram);

        Assert.Equal(Errno.Success, vm.Kernel.SocketSend(vm.Process, guest, "hello"u8, MessageFlags.None, Addr($"{Alias}:{port}"), out var sent));
        Assert.Equal(5, sent);
        var request = await server.ReceiveAsync().WaitAsync(Generous);
        for (var i = 0; i < 5; i++)
        {
            await server.SendAsync(Encoding.ASCII.GetBytes($"r{i}"), request.RemoteEndPoint);
        }

        var queue = vm.Gauge(LimitNames.SocketDatagramQueueLen);
        Assert.True(SpinWait.SpinUntil(() => queue.Current == 2, Generous), "the queue never filled");
        var replies = Enumerable.Range(0, 5).Select(_ => Encoding.ASCII.GetString(vm.Receive(guest, 16))).ToList();

        Assert.Equal(["r0", "r1", "r2", "r3", "r4"], replies);
        Assert.Equal(2, queue.HighWater);
        Assert.Equal(2, vm.Gauge(LimitNames.Sockets).Current); // the guest socket and its host socket
        Assert.Equal(Errno.Success, vm.Kernel.Close(vm.Process, guest));
        Assert.Equal(0, vm.Gauge(LimitNames.Sockets).Current);
    }

    [Fact]
    public void AnIpLiteralInARestrictedRangeNeedsARuleNamingIt()
    {
        var vm = new NetTestVm();
        vm.Kernel.NetworkPolicy = new NetworkPolicy(["*:9"]);
        var guest = vm.Socket(kind: SocketKind.Datagram);

        Assert.Equal(Errno.EACCES, vm.Kernel.SocketSend(vm.Process, guest, "x"u8, MessageFlags.None, Addr("10.1.2.3:9"), out _));
        Assert.Equal(1, vm.Gauge(LimitNames.Sockets).Current); // no host socket was opened
    }

    [Theory]
    [InlineData("10.1.2.3", "private range 10.0.0.0/8")]
    [InlineData("::ffff:192.168.1.1", "private range 192.168.0.0/16")]
    [InlineData("100.64.0.1", "CGNAT range 100.64.0.0/10")]
    [InlineData("fe80::1", "link-local range fe80::/10")]
    [InlineData("255.255.255.255", "reserved range 240.0.0.0/4")]
    [InlineData("127.0.0.1", "loopback range 127.0.0.0/8")]
    [InlineData("::1", "loopback range ::1/128")]
    [InlineData("93.184.216.34", null)]
    public void RestrictedRangesIncludeMappedForms(string address, string? range) =>
        Assert.Equal(range, RestrictedAddresses.Find(IPAddress.Parse(address)));

    [Fact]
    public void AHostRuleMatchesAnyPortAndTellsWhetherItNamesTheHost()
    {
        var policy = new NetworkPolicy(["*.example.com:443", "api.test:80"]);

        Assert.Equal("api.test:80", policy.FindHostRule("API.test", out var named));
        Assert.True(named);
        Assert.Equal("*.example.com:443", policy.FindHostRule("www.example.com", out named));
        Assert.False(named);
        Assert.Null(policy.FindHostRule("other.test", out _));
    }
}
