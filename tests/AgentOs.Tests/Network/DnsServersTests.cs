using System.Net;
using System.Text;
using AgentOs.Kernel.Vfs;
using AgentOs.Network;
using AgentOs.Testing;
using AgentOs.Tests.Vm;
using AgentOs.Wasm.Tests.Net;
using Microsoft.Extensions.Configuration;

namespace AgentOs.Tests.Network;

/// <summary><c>network.dnsServers</c>: where guest record queries (net_dns_query_rr_v1) and address lookups go
/// (address lookups through it: <see cref="NetworkPolicyTests"/>).</summary>
public sealed class DnsServersTests
{
    [Fact]
    public async Task AGuestPtrQueryGoesToTheConfiguredServer()
    {
        using var server = FakeDnsServer.WithTestRecords();
        await using var vm = await VmOptions.CreateVmAsync(configure: o => o.Network = new NetworkOptions
        {
            AllowedHosts = ["*.in-addr.arpa"],
            DnsServers = [$"127.0.0.1:{server.EndPoint.Port}"],
        });

        var stdout = await RunNettestAsync(vm, "dnsrr", "4.3.2.1.in-addr.arpa.", "12", "4096");

        var name = Convert.ToHexStringLower(Encoding.ASCII.GetBytes("host.example.test."));
        Assert.Equal($"count 1 len 26 ttl 300 flags 0\nrr 18 {name}\n", stdout);
        Assert.Equal(1, server.Queries);
    }

    [Fact]
    public async Task AMalformedDnsServerFailsVmCreationNamingTheOption()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            VmOptions.CreateVmAsync(configure: o => o.Network = new NetworkOptions { DnsServers = ["dns.example.com"] }));

        Assert.Contains("network.dnsServers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DnsServersBindFromConfigurationAndParseWithPort53ByDefault()
    {
        const string Json = """{ "AgentOs": { "network": { "allowedHosts": ["*.example.test"], "dnsServers": ["192.0.2.1", "[2001:db8::1]:5353"] } } }""";
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(Json))).Build();

        var options = AgentOsConfiguration.Load(configuration.GetSection("AgentOs"));

        Assert.Equal(["*.example.test"], options.Network.AllowedHosts);
        Assert.Equal(["192.0.2.1", "[2001:db8::1]:5353"], options.Network.DnsServers);
        Assert.Equal(
            [new IPEndPoint(IPAddress.Parse("192.0.2.1"), 53), new IPEndPoint(IPAddress.Parse("2001:db8::1"), 5353)],
            options.Network.DnsServers.Select(Kernel.Net.HostDns.ParseServer));
    }

    private static async Task<string> RunNettestAsync(AgentOsVm vm, params string[] args)
    {
        vm.RootFileSystem.CreateDirectory("/usr/local/bin");
        vm.RootFileSystem.WriteAllBytes("/usr/local/bin/nettest", CGuests.Load("nettest"));
        Assert.Equal(Kernel.Errno.Success, vm.Kernel.FileSystem.Chmod(PathContext.Root, "/usr/local/bin/nettest", 0x1ED, follow: true));
        var result = await vm.RunAsync("/usr/local/bin/nettest", args);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return result.Stdout;
    }
}
