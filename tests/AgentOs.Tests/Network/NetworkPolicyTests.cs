using AgentOs.Kernel.Net;
using AgentOs.Kernel.Vfs;
using AgentOs.Network;
using AgentOs.Tests.Vm;
using AgentOs.Wasm.Tests.Net;
using Microsoft.Extensions.Logging;

namespace AgentOs.Tests.Network;

/// <summary>The network permission: allow-rules and the EACCES for destinations outside the VM.</summary>
public sealed class NetworkPolicyTests
{
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
    public async Task AnAllowedExternalConnectIsStillEaccesWithoutABridgeAndTheLogNamesTheRule()
    {
        using var logs = new ListLoggerProvider(LogLevel.Information);
        await using var vm = await VmOptions.CreateVmAsync(configure: o =>
        {
            o.LoggerFactory = logs;
            o.Network = new NetworkOptions { AllowedHosts = ["93.184.216.34:80"] };
        });

        var result = await RunExternalAsync(vm);

        Assert.Equal("connect errno 2\n", result);
        Assert.Contains(logs.Lines, l => l.Level == LogLevel.Warning
            && l.Message.Contains("allow-net rule \"93.184.216.34:80\"", StringComparison.Ordinal) && l.Message.Contains("no host-network bridge", StringComparison.Ordinal));
    }

    private static async Task<string> RunExternalAsync(AgentOsVm vm)
    {
        vm.RootFileSystem.CreateDirectory("/usr/local/bin");
        vm.RootFileSystem.WriteAllBytes("/usr/local/bin/nettest", CGuests.Load("nettest"));
        Assert.Equal(Kernel.Errno.Success, vm.Kernel.FileSystem.Chmod(PathContext.Root, "/usr/local/bin/nettest", 0x1ED, follow: true));
        var result = await vm.RunAsync("/usr/local/bin/nettest", ["external"]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return result.Stdout;
    }
}
