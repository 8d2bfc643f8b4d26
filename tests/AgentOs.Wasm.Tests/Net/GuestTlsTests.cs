using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Net;
using AgentOs.Testing;
using AgentOs.Wasm.Tests.Executor;

namespace AgentOs.Wasm.Tests.Net;

/// <summary>
/// net_tls_connect from a real C guest against a TLS echo server on this machine's loopback, reached through a host
/// name a fake DNS server answers with 127.0.0.1 (an allow-rule bridges it; nothing leaves the machine).
/// </summary>
public sealed class GuestTlsTests
{
    private const string Alias = FakeDnsServer.LoopbackName;
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task WithVerificationSkippedTheGuestTalksPlaintextOverTlsAndTheServerSeesItsSni()
    {
        using var dns = FakeDnsServer.WithLoopbackName();
        using var certificate = TestCertificates.SelfSigned("localhost");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = Task.Run(() => TlsEchoOnceAsync(listener, certificate));
        using var vm = NewVm(dns, port);

        var (status, stdout, stderr) = await vm.RunWithEnvironmentAsync(["NODE_TLS_REJECT_UNAUTHORIZED=0"], "nettest", "tls-echo", $"{Alias}:{port}", Alias);
        var sni = await server.WaitAsync(Generous);

        Assert.True(status.Code == 0, stderr);
        Assert.Equal("echo:hello tls\n", stdout);
        Assert.Equal(Alias, sni);
        await UntilAsync(() => vm.Kernel.Registry.Find(LimitNames.Sockets)!.Current == 0 && vm.Kernel.Registry.Find(LimitNames.Connections)!.Current == 0);
    }

    [Fact]
    public async Task AnUntrustedCertificateIsEconnabortedWithAnAgentosLineOnStderr()
    {
        using var dns = FakeDnsServer.WithLoopbackName();
        using var certificate = TestCertificates.SelfSigned("localhost");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = Task.Run(() => TlsEchoOnceAsync(listener, certificate));
        using var vm = NewVm(dns, port);

        var (status, stdout, stderr) = await vm.RunAsync("nettest", "tls-echo", $"{Alias}:{port}", Alias);

        Assert.Equal(13, status.Code); // WASI ECONNABORTED
        Assert.Equal(string.Empty, stdout);
        Assert.StartsWith($"[agentos] TLS handshake with {Alias} failed: certificate verification failed (", stderr, StringComparison.Ordinal);
        Assert.Contains("hn_tls_connect", stderr, StringComparison.Ordinal);
        Assert.Null(await server.WaitAsync(Generous));
    }

    [Fact]
    public async Task TlsOnAnInVmLoopbackConnectionIsEopnotsupp()
    {
        using var vm = NewVm(null, 0);

        var (status, _, stderr) = await vm.RunAsync("nettest", "tls-loopback", "7100");

        Assert.True(status.Code == 58, stderr); // WASI ENOTSUP
    }

    [Fact]
    public async Task TlsOnAnUnconnectedSocketIsEnotconn()
    {
        using var vm = NewVm(null, 0);

        var (status, _, stderr) = await vm.RunAsync("nettest", "tls-unconnected");

        Assert.True(status.Code == 53, stderr); // WASI ENOTCONN
    }

    // With a DNS server, the VM may reach Alias:port, which that server answers with this machine's 127.0.0.1.
    private static ExecutorHarness NewVm(FakeDnsServer? dns, int port)
    {
        var vm = new ExecutorHarness();
        vm.InstallBytes("/bin/nettest", CGuests.Load("nettest"));
        if (dns is not null)
        {
            vm.Kernel.NetworkPolicy = new NetworkPolicy([$"{Alias}:{port}"]);
            vm.Kernel.DnsServers = [dns.EndPoint];
        }

        return vm;
    }

    // Serves one TLS connection: echoes one 10-byte line with "echo:" and returns the client's SNI, or null when the
    // client abandoned the handshake.
    private static async Task<string?> TlsEchoOnceAsync(TcpListener listener, X509Certificate2 certificate)
    {
        using var client = await listener.AcceptTcpClientAsync();
        await using var ssl = new SslStream(client.GetStream());
        try
        {
            await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate });
            var line = new byte[10];
            await ssl.ReadExactlyAsync(line);
            await ssl.WriteAsync(Encoding.ASCII.GetBytes("echo:" + Encoding.ASCII.GetString(line)));
            return ssl.TargetHostName;
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            return null; // the client rejected the certificate
        }
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Generous;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached");
            await Task.Delay(5);
        }
    }

}
