using System.Net;
using System.Net.Sockets;
using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Net;
using AgentOs.Kernel.Vfs;
using AgentOs.Network;
using AgentOs.Testing;
using AgentOs.Tests.Vm;
using AgentOs.Wasm.Tests.Net;
using Microsoft.Extensions.Logging;

namespace AgentOs.Tests.Network;

/// <summary>The network permission: allow-rules and the EACCES for destinations outside the VM.</summary>
public sealed class NetworkPolicyTests
{
    private const string HostName = FakeDnsServer.LoopbackName;

    [Theory]
    [InlineData("example.com", "example.com", 443, true)]
    [InlineData("example.com:443", "EXAMPLE.com", 443, true)]
    [InlineData("example.com:443", "example.com", 80, false)]
    [InlineData("*.example.com", "api.example.com", 80, true)]
    [InlineData("*.example.com", "example.com", 80, false)]
    [InlineData("*", "10.0.0.1", 22, true)]
    [InlineData("*:*", "10.0.0.1", 22, true)]
    [InlineData("[2001:db8::1]:8080", "2001:db8::1", 8080, true)]
    [InlineData("2001:db8::1", "[2001:db8::1]", 9, true)]
    [InlineData("93.184.216.34:80", "93.184.216.35", 80, false)]
    public void RulesMatchHostAndPort(string rule, string host, int port, bool allowed) =>
        Assert.Equal(allowed ? rule : null, new NetworkPolicy([rule]).FindRule(host, port));

    [Fact]
    public void NoRulesDenyEverything() => Assert.Null(NetworkPolicy.DenyAll.FindRule("example.com", 80));

    [Fact]
    public async Task MalformedAllowedHostFailsVmCreationNamingTheOption()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            VmOptions.CreateVmAsync(configure: o => o.Network = new NetworkOptions { AllowedHosts = ["example.com:99999"] }));

        Assert.Contains("network.allowedHosts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExternalConnectIsEaccesAndTheLogNamesTheNetworkPermission()
    {
        using var logs = new ListLoggerProvider(LogLevel.Information);
        await using var vm = await VmOptions.CreateVmAsync(configure: o => o.LoggerFactory = logs);

        var result = await RunExternalAsync(vm);

        Assert.Equal("connect errno 2\n", result); // WASI EACCES
        Assert.Contains(logs.Lines, l => l.Message.Contains("tcp://93.184.216.34:80", StringComparison.Ordinal)
            && l.Message.Contains("network permission", StringComparison.Ordinal) && l.Message.Contains("no allow-net rule", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnAllowedTcpConnectIsBridgedToARealHostSocketAndReleasedAfterwards()
    {
        // The guest's 127.0.0.1 is the VM's own loopback, so the host is reached by a name, which the VM's DNS server
        // answers with the host's 127.0.0.1: traffic stays on this machine.
        using var dns = FakeDnsServer.WithLoopbackName();
        using var listener = new TcpListener(IPAddress.IPv6Any, 0);
        listener.Server.DualMode = true;
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var echo = Task.Run(() => EchoOnceAsync(listener));
        using var logs = new ListLoggerProvider(LogLevel.Information);
        await using var vm = await VmOptions.CreateVmAsync(configure: o =>
        {
            o.LoggerFactory = logs;
            o.Network = new NetworkOptions { AllowedHosts = [$"{HostName}:{port}"], DnsServers = [dns.EndPoint.ToString()] };
        });

        var stdout = await RunNettestAsync(vm, "client", $"{HostName}:{port}", "over-the-bridge");

        Assert.Equal("echo:over-the-bridge\n", stdout);
        Assert.Equal("over-the-bridge", await echo.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains(logs.Lines, l => l.Message.Contains($"bridged tcp://{HostName}:{port}", StringComparison.Ordinal)
            && l.Message.Contains($"allow-net rule \"{HostName}:{port}\"", StringComparison.Ordinal));
        await VmOptions.WaitUntilAsync(
            () => vm.Kernel.Registry.Find(LimitNames.Sockets)!.Current == 0 && vm.Kernel.Registry.Find(LimitNames.Connections)!.Current == 0,
            "bridged sockets released");
    }

    [Fact]
    public async Task AnAllowedDestinationWithNoServerIsConnectionRefused()
    {
        using var dns = FakeDnsServer.WithLoopbackName();
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop(); // nobody listens there now
        await using var vm = await VmOptions.CreateVmAsync(configure: o => o.Network = new NetworkOptions { AllowedHosts = [HostName], DnsServers = [dns.EndPoint.ToString()] });

        var stdout = await RunNettestAsync(vm, "client", $"{HostName}:{port}", "x");

        Assert.Equal("connect errno 14\n", stdout); // WASI ECONNREFUSED
        Assert.Equal(0, vm.Kernel.Registry.Find(LimitNames.Connections)!.Current);
    }

    [Fact]
    public async Task AnAllowedNameResolvesThroughTheConfiguredDnsServerAndAnUnlistedNameIsEaccesWithoutAQuery()
    {
        using var dns = FakeDnsServer.WithLoopbackName();
        await using var denied = await VmOptions.CreateVmAsync(configure: o => o.Network = new NetworkOptions { DnsServers = [dns.EndPoint.ToString()] });
        await using var allowed = await VmOptions.CreateVmAsync(configure: o => o.Network = new NetworkOptions { AllowedHosts = [HostName], DnsServers = [dns.EndPoint.ToString()] });

        var refused = await RunNettestAsync(denied, "resolve", HostName);
        var queriesWhenRefused = dns.Queries;
        var answer = await RunNettestAsync(allowed, "resolve", HostName);

        Assert.Equal("resolve errno 2\n", refused); // WASI EACCES
        Assert.Equal(0, queriesWhenRefused);
        Assert.Equal("[{\"addr\":\"127.0.0.1\",\"family\":4}]\n", answer);
        Assert.True(dns.Queries > 0);
    }

    [Fact]
    public async Task AnAllowedUdpSendIsBridgedToAHostSocketAndTheReplyIsQueuedForTheGuest()
    {
        using var dns = FakeDnsServer.WithLoopbackName();
        using var server = new UdpClient(AddressFamily.InterNetworkV6);
        server.Client.DualMode = true;
        server.Client.Bind(new IPEndPoint(IPAddress.IPv6Any, 0));
        var port = ((IPEndPoint)server.Client.LocalEndPoint!).Port;
        var echo = UdpEchoOnceAsync(server);
        await using var vm = await VmOptions.CreateVmAsync(configure: o => o.Network = new NetworkOptions { AllowedHosts = [$"{HostName}:{port}"], DnsServers = [dns.EndPoint.ToString()] });

        var stdout = await RunNettestAsync(vm, "udpclient", $"{HostName}:{port}", "datagram-over-the-bridge");

        Assert.Equal("reply:datagram-over-the-bridge\n", stdout);
        Assert.Equal("datagram-over-the-bridge", await echo.WaitAsync(TimeSpan.FromSeconds(60)));
        await VmOptions.WaitUntilAsync(() => vm.Kernel.Registry.Find(LimitNames.Sockets)!.Current == 0, "bridged UDP socket released");
        Assert.Equal(0, vm.Kernel.Registry.Find(LimitNames.SocketDatagramQueueLen)!.Current);
    }

    [Fact]
    public async Task UdpToADestinationWithoutARuleIsEacces()
    {
        await using var vm = await VmOptions.CreateVmAsync();

        var stdout = await RunNettestAsync(vm, "udpclient", "93.184.216.34:53", "x");

        Assert.Equal("sendto errno 2\n", stdout);
    }

    private static async Task<string> UdpEchoOnceAsync(UdpClient server)
    {
        var request = await server.ReceiveAsync();
        await server.SendAsync(request.Buffer, request.RemoteEndPoint);
        return System.Text.Encoding.ASCII.GetString(request.Buffer);
    }

    private static async Task<string> EchoOnceAsync(TcpListener listener)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        using var received = new MemoryStream();
        var buffer = new byte[1024];
        int n;
        while ((n = await stream.ReadAsync(buffer)) > 0)
        {
            received.Write(buffer, 0, n);
            await stream.WriteAsync(buffer.AsMemory(0, n));
        }

        return System.Text.Encoding.ASCII.GetString(received.ToArray());
    }

    private static Task<string> RunExternalAsync(AgentOsVm vm) => RunNettestAsync(vm, "external");

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
