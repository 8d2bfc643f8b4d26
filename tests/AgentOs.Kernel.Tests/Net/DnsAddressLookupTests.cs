using System.Net;
using System.Net.Sockets;
using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Net;
using AgentOs.Testing;
using static AgentOs.Kernel.Tests.Net.NetTestVm;

namespace AgentOs.Kernel.Tests.Net;

/// <summary>Address lookups of allowed names (getaddrinfo, connect by name) through the configured DNS servers,
/// against a fake DNS server on this machine's loopback.</summary>
public sealed class DnsAddressLookupTests : IDisposable
{
    private static readonly IPAddress V4 = IPAddress.Parse("93.184.216.34");
    private static readonly IPAddress V6 = IPAddress.Parse("2606:2800:220:1:248:1893:25c8:1946");

    private static readonly Comparer<IPAddress> AddressOrder = Comparer<IPAddress>.Create((a, b) => string.CompareOrdinal(a.ToString(), b.ToString()));

    private readonly FakeDnsServer _server = new();

    public DnsAddressLookupTests()
    {
        _server.AddAddress("www.example.test", V6);
        _server.AddAddress("www.example.test", V4);
        _server.AddAddress("private.example.test", IPAddress.Parse("10.1.2.3"));
    }

    public void Dispose() => _server.Dispose();

    [Fact]
    public void AnAllowedNameGetsTheServersAAndAaaaAnswersIpv4FirstAndOnlyTheAskedFamily()
    {
        var vm = NewVm();

        Assert.Equal(Errno.Success, vm.Kernel.ResolveHost(vm.Process, "www.example.test", 0, 8, out var both));
        Assert.Equal(2, _server.Queries); // A and AAAA
        Assert.Equal(Errno.Success, vm.Kernel.ResolveHost(vm.Process, "www.example.test", 6, 8, out var v6));
        Assert.Equal(3, _server.Queries); // AAAA only
        Assert.Equal(Errno.Success, vm.Kernel.ResolveHost(vm.Process, "www.example.test", 4, 1, out var v4));

        Assert.Equal([V4, V6], both);
        Assert.Equal([V6], v6);
        Assert.Equal([V4], v4);
    }

    [Fact]
    public void AnUnknownNameHasNoAnswersAndConnectingToItIsEhostunreach()
    {
        var vm = NewVm();

        Assert.Equal(Errno.Success, vm.Kernel.ResolveHost(vm.Process, "gone.example.test", 0, 8, out var addresses));

        Assert.Empty(addresses);
        Assert.Equal(Errno.EHOSTUNREACH, vm.Kernel.SocketConnect(vm.Process, vm.Socket(), Addr("gone.example.test:80")));
        Assert.Equal(Errno.Success, vm.Kernel.ResolveHost(vm.Process, FakeDnsServer.ServerFailureName, 4, 8, out addresses));
        Assert.Empty(addresses); // a server failure too
    }

    [Fact]
    public void ANameNoRuleAllowsIsEaccesWithoutAQuery()
    {
        var vm = NewVm();

        Assert.Equal(Errno.EACCES, vm.Kernel.ResolveHost(vm.Process, "www.example.org", 0, 8, out _));

        Assert.Equal(0, _server.Queries);
    }

    [Fact]
    public void AnAnswerInARestrictedRangeIsEaccesUnlessTheRuleNamesTheHost()
    {
        var wildcard = NewVm();
        var named = NewVm(rules: ["private.example.test"]);

        Assert.Equal(Errno.EACCES, wildcard.Kernel.ResolveHost(wildcard.Process, "private.example.test", 0, 8, out _));
        Assert.Equal(Errno.Success, named.Kernel.ResolveHost(named.Process, "private.example.test", 0, 8, out var addresses));
        Assert.Equal([IPAddress.Parse("10.1.2.3")], addresses);
    }

    [Fact]
    public void AServerThatNeverAnswersIsEtimedoutAtMaxBlockingReadMs()
    {
        _server.Silent = true;
        var vm = NewVm(new ResourceLimits { MaxBlockingReadMs = 1000 });

        Assert.Equal(Errno.ETIMEDOUT, vm.Kernel.ResolveHost(vm.Process, "www.example.test", 4, 8, out _));
        Assert.Equal(Errno.ETIMEDOUT, vm.Kernel.SocketConnect(vm.Process, vm.Socket(), Addr("www.example.test:80")));
    }

    [Fact]
    public async Task WithoutDnsServersAnAllowedNameResolvesThroughTheHostsResolver()
    {
        // This machine's own name: the VM answers whatever the host's resolver does (nothing where it knows none).
        var name = Dns.GetHostName();
        IPAddress[] host;
        try
        {
            host = await Dns.GetHostAddressesAsync(name);
        }
        catch (SocketException)
        {
            host = [];
        }

        var vm = new NetTestVm();
        vm.Kernel.NetworkPolicy = new NetworkPolicy([name]); // naming the host also admits its restricted addresses

        Assert.Equal(Errno.Success, vm.Kernel.ResolveHost(vm.Process, name, 0, 64, out var addresses));

        Assert.Equal(host.Select(RestrictedAddresses.Normalize).Distinct().Order(AddressOrder), addresses.Order(AddressOrder));
    }

    private NetTestVm NewVm(ResourceLimits? limits = null, string[]? rules = null)
    {
        var vm = new NetTestVm(limits);
        vm.Kernel.NetworkPolicy = new NetworkPolicy(rules ?? ["*.example.test"]);
        vm.Kernel.DnsServers = [_server.EndPoint];
        return vm;
    }
}
