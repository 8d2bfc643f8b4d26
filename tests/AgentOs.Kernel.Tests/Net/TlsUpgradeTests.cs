using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Net;
using AgentOs.Testing;
using Microsoft.Extensions.Logging;
using X509Certificate2 = System.Security.Cryptography.X509Certificates.X509Certificate2;
using static AgentOs.Kernel.Tests.Net.NetTestVm;

namespace AgentOs.Kernel.Tests.Net;

/// <summary>net_tls_connect on connections bridged to a TLS server on this machine's loopback (through a name a fake
/// DNS server answers with 127.0.0.1, so nothing leaves the machine).</summary>
public sealed class TlsUpgradeTests
{
    private const string Alias = FakeDnsServer.LoopbackName;
    private const string SkipVerification = "NODE_TLS_REJECT_UNAUTHORIZED=0";
    private static readonly byte[] Greeting = "220 ready\n"u8.ToArray();

    [Fact]
    public async Task StartTlsSendsEarlierPlaintextBeforeTheHandshakeKeepsEarlierRepliesAndThenCarriesPlaintextOverTls()
    {
        using var dns = FakeDnsServer.WithLoopbackName();
        using var certificate = TestCertificates.SelfSigned("localhost");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        byte[] plain = [.. Bytes(1 << 20, 7), .. "STARTTLS\n"u8];
        // On the thread pool: the test thread blocks in the kernel while the server must progress (xunit's context has
        // only as many threads as cores, and another test may hold the other one).
        var server = Task.Run(() => StartTlsServerAsync(listener, certificate, plain.Length));
        var vm = new NetTestVm(environment: ["PATH=/bin", SkipVerification]);
        vm.Kernel.NetworkPolicy = new NetworkPolicy([$"{Alias}:{port}"]);
        vm.Kernel.DnsServers = [dns.EndPoint];
        var fd = vm.Socket();
        Assert.Equal(Errno.Success, vm.Kernel.SocketConnect(vm.Process, fd, Addr($"{Alias}:{port}")));
        var connection = GuestSocket(vm, fd).Connection!;
        Until(() => connection.Buffered(0) == Greeting.Length); // the server's plaintext greeting is queued, unread

        // 1 MiB exceeds the connection queue: part of it is still queued when the upgrade starts.
        for (var offset = 0; offset < plain.Length;)
        {
            offset += vm.Send(fd, plain.AsSpan(offset));
        }

        Assert.Equal(Errno.Success, vm.Kernel.SocketTlsConnect(vm.Process, fd, Alias));
        vm.Send(fd, "hello tls\n"u8);
        var reply = vm.Receive(fd, Greeting.Length + 15, MessageFlags.WaitAll);
        var again = vm.Kernel.SocketTlsConnect(vm.Process, fd, Alias);
        Assert.Equal(Errno.Success, vm.Kernel.Close(vm.Process, fd));
        var (sni, received, eof) = await server.WaitAsync(Generous);

        Assert.Equal("220 ready\necho:hello tls\n", Encoding.ASCII.GetString(reply));
        Assert.Equal(Errno.EISCONN, again);
        Assert.Equal(Alias, sni);
        Assert.Equal(Sum(plain), received);
        Assert.True(eof);
        Until(() => vm.Gauge(LimitNames.Sockets).Current == 0 && vm.Gauge(LimitNames.Connections).Current == 0);
        Assert.Equal(0, vm.Gauge(LimitNames.SocketBufferedBytes).Current);
    }

    [Fact]
    public async Task AnUntrustedCertificateAbortsWithOneStderrLineAndAWarningAndClosesTheConnection()
    {
        using var dns = FakeDnsServer.WithLoopbackName();
        using var certificate = TestCertificates.SelfSigned("localhost");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = Task.Run(() => RejectedServerAsync(listener, certificate));
        using var logs = new RecordingLoggerFactory();
        var vm = new NetTestVm(environment: ["NODE_TLS_REJECT_UNAUTHORIZED=1"], loggerFactory: logs);
        vm.Kernel.NetworkPolicy = new NetworkPolicy([$"{Alias}:{port}"]);
        vm.Kernel.DnsServers = [dns.EndPoint];
        var stderr = StderrPipe(vm);
        var fd = vm.Socket();
        Assert.Equal(Errno.Success, vm.Kernel.SocketConnect(vm.Process, fd, Addr($"{Alias}:{port}")));

        var errno = vm.Kernel.SocketTlsConnect(vm.Process, fd, Alias);

        Assert.Equal(Errno.ECONNABORTED, errno);
        var line = new byte[1024];
        Assert.Equal(Errno.Success, vm.Kernel.Read(vm.Process, stderr, line, out var n));
        var text = Encoding.UTF8.GetString(line, 0, n);
        Assert.StartsWith($"[agentos] TLS handshake with {Alias} failed: certificate verification failed (", text, StringComparison.Ordinal);
        Assert.Contains("RemoteCertificateChainErrors", text, StringComparison.Ordinal);
        Assert.EndsWith(")\n", text, StringComparison.Ordinal);
        var warning = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains(Alias, warning.Message, StringComparison.Ordinal);
        Assert.Contains("NODE_TLS_REJECT_UNAUTHORIZED=0", warning.Message, StringComparison.Ordinal);
        Assert.Equal(Errno.EPIPE, vm.Kernel.SocketSend(vm.Process, fd, "x"u8, MessageFlags.NoSignal, null, out _));
        Assert.Empty(vm.Receive(fd, 16));
        await server.WaitAsync(Generous);
        Assert.Equal(Errno.Success, vm.Kernel.Close(vm.Process, fd));
        Until(() => vm.Gauge(LimitNames.Sockets).Current == 0 && vm.Gauge(LimitNames.Connections).Current == 0);
    }

    [Fact]
    public async Task AFailedHandshakeSkipsTheStderrLineWhenStderrIsAFullPipeInsteadOfWaiting()
    {
        using var dns = FakeDnsServer.WithLoopbackName();
        using var certificate = TestCertificates.SelfSigned("localhost");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = Task.Run(() => RejectedServerAsync(listener, certificate));
        var vm = new NetTestVm();
        vm.Kernel.NetworkPolicy = new NetworkPolicy([$"{Alias}:{port}"]);
        vm.Kernel.DnsServers = [dns.EndPoint];
        var stderr = StderrPipe(vm);
        Assert.Equal(Errno.Success, vm.Kernel.GetFile(vm.Process, 2, out var writeEnd));
        Assert.Equal(Errno.Success, writeEnd.SetStatusFlags(writeEnd.StatusFlags | OpenFlags.NonBlock));
        var filled = 0;
        while (vm.Kernel.Write(vm.Process, 2, new byte[4096], out var written) == Errno.Success)
        {
            filled += written;
        }

        Assert.Equal(Errno.Success, writeEnd.SetStatusFlags(writeEnd.StatusFlags & ~OpenFlags.NonBlock)); // a plain write would now block
        var fd = vm.Socket();
        Assert.Equal(Errno.Success, vm.Kernel.SocketConnect(vm.Process, fd, Addr($"{Alias}:{port}")));

        var errno = await Task.Run(() => vm.Kernel.SocketTlsConnect(vm.Process, fd, Alias)).WaitAsync(Generous);

        Assert.Equal(Errno.ECONNABORTED, errno);
        var drained = 0;
        var buffer = new byte[65536];
        while (drained < filled)
        {
            Assert.Equal(Errno.Success, vm.Kernel.Read(vm.Process, stderr, buffer, out var n));
            Assert.DoesNotContain((byte)'[', buffer.AsSpan(0, n).ToArray());
            drained += n;
        }

        Assert.Equal(filled, drained);
        await server.WaitAsync(Generous);
    }

    [Fact]
    public async Task AHandshakeThePeerNeverAnswersEndsWithEtimedoutAtMaxBlockingReadMs()
    {
        using var dns = FakeDnsServer.WithLoopbackName();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        // The bound also covers the connect, whose first run (JIT, name lookup) can be slow on a loaded machine.
        var vm = new NetTestVm(new ResourceLimits { MaxBlockingReadMs = 2000 }, [SkipVerification]);
        vm.Kernel.NetworkPolicy = new NetworkPolicy([$"{Alias}:{port}"]);
        vm.Kernel.DnsServers = [dns.EndPoint];
        var fd = vm.Socket();
        Assert.Equal(Errno.Success, vm.Kernel.SocketConnect(vm.Process, fd, Addr($"{Alias}:{port}")));
        using var silent = await listener.AcceptTcpClientAsync();

        Assert.Equal(Errno.ETIMEDOUT, vm.Kernel.SocketTlsConnect(vm.Process, fd, Alias));
        await DrainToEofAsync(silent.GetStream()).WaitAsync(Generous); // the cut-short handshake closed the connection
        Assert.Equal(Errno.EPIPE, vm.Kernel.SocketSend(vm.Process, fd, "x"u8, MessageFlags.NoSignal, null, out _));
    }

    [Theory]
    [InlineData("\u0080")]
    [InlineData("ab\u200Dcd")]
    public async Task AHostNameTlsCannotCarryIsEinvalAndTheConnectionStaysPlainAndIsFreedOnClose(string host)
    {
        using var dns = FakeDnsServer.WithLoopbackName();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var vm = new NetTestVm();
        vm.Kernel.NetworkPolicy = new NetworkPolicy([$"{Alias}:{port}"]);
        vm.Kernel.DnsServers = [dns.EndPoint];
        var fd = vm.Socket();
        Assert.Equal(Errno.Success, vm.Kernel.SocketConnect(vm.Process, fd, Addr($"{Alias}:{port}")));
        using var server = await listener.AcceptTcpClientAsync();

        Assert.Equal(Errno.EINVAL, vm.Kernel.SocketTlsConnect(vm.Process, fd, host));
        vm.Send(fd, "plain"u8);
        var received = new byte[5];
        await server.GetStream().ReadExactlyAsync(received).AsTask().WaitAsync(Generous);
        Assert.Equal("plain"u8.ToArray(), received);
        Assert.Equal(Errno.Success, vm.Kernel.Close(vm.Process, fd));
        Until(() => vm.Gauge(LimitNames.Sockets).Current == 0 && vm.Gauge(LimitNames.Connections).Current == 0);
    }

    [Fact]
    public void OnlyConnectedBridgedStreamSocketsCanBeUpgraded()
    {
        var vm = new NetTestVm();
        var listener = vm.Listener();
        var (client, _) = vm.Connected(listener);
        var unconnected = vm.Socket();
        var datagram = vm.Socket(kind: SocketKind.Datagram);

        Assert.Equal(Errno.EOPNOTSUPP, vm.Kernel.SocketTlsConnect(vm.Process, client, "localhost"));
        Assert.Equal(Errno.ENOTCONN, vm.Kernel.SocketTlsConnect(vm.Process, unconnected, "localhost"));
        Assert.Equal(Errno.ENOTCONN, vm.Kernel.SocketTlsConnect(vm.Process, listener, "localhost"));
        Assert.Equal(Errno.ENOTCONN, vm.Kernel.SocketTlsConnect(vm.Process, datagram, "localhost"));
        Assert.Equal(Errno.ENOTSOCK, vm.Kernel.SocketTlsConnect(vm.Process, vm.PipeFd(), "localhost"));
        Assert.Equal(Errno.EBADF, vm.Kernel.SocketTlsConnect(vm.Process, 60, "localhost"));
        Assert.Equal(Errno.EINVAL, vm.Kernel.SocketTlsConnect(vm.Process, client, string.Empty));
        Assert.Equal(Errno.EINVAL, vm.Kernel.SocketTlsConnect(vm.Process, client, new string('a', 254)));
        vm.Send(client, "still plain"u8);
    }

    private static async Task DrainToEofAsync(NetworkStream stream)
    {
        var buffer = new byte[4096];
        while (await stream.ReadAsync(buffer) > 0)
        {
        }
    }

    private static StreamSocket GuestSocket(NetTestVm vm, int fd)
    {
        Assert.Equal(Errno.Success, vm.Kernel.GetFile(vm.Process, fd, out var file));
        return (StreamSocket)file;
    }

    // A pipe whose write end is the process's fd 2; returns the read end's fd.
    private static int StderrPipe(NetTestVm vm)
    {
        Assert.Equal(Errno.Success, vm.Kernel.Pipe(vm.Process, out var read, out var write));
        Assert.Equal(Errno.Success, vm.Kernel.Dup2(vm.Process, write, 2));
        Assert.Equal(Errno.Success, vm.Kernel.Close(vm.Process, write));
        return read;
    }

    // Sends the greeting, reads exactly plainLength plaintext bytes, then serves TLS: echoes one line with "echo:"
    // and reads to EOF. Returns the SNI, the plaintext's checksum and whether EOF came cleanly.
    private static async Task<(string? Sni, string Received, bool Eof)> StartTlsServerAsync(TcpListener listener, X509Certificate2 certificate, int plainLength)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        await stream.WriteAsync(Greeting);
        var plain = new byte[plainLength];
        await stream.ReadExactlyAsync(plain);
        await using var ssl = new SslStream(stream);
        await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate });
        var line = new byte[10];
        await ssl.ReadExactlyAsync(line);
        await ssl.WriteAsync(Encoding.ASCII.GetBytes("echo:" + Encoding.ASCII.GetString(line)));
        var eof = await ssl.ReadAsync(new byte[16]) == 0;
        return (ssl.TargetHostName, Sum(plain), eof);
    }

    // A TLS server whose certificate the client rejects: its handshake fails, or (TLS 1.3, where the server finishes
    // first) the connection ends without application data.
    private static async Task RejectedServerAsync(TcpListener listener, X509Certificate2 certificate)
    {
        using var client = await listener.AcceptTcpClientAsync();
        await using var ssl = new SslStream(client.GetStream());
        try
        {
            await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate });
            Assert.Equal(0, await ssl.ReadAsync(new byte[16]));
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            // the client aborted the handshake
        }
    }
}
