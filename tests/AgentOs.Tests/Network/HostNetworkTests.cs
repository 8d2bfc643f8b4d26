using System.Net;
using System.Text;
using AgentOs.Kernel;
using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Vfs;
using AgentOs.Network;
using AgentOs.Tests.Vm;
using AgentOs.Wasm.Tests.Net;

namespace AgentOs.Tests.Network;

/// <summary>vm.Network: the host calling servers that C guests run on the VM loopback.</summary>
public sealed class HostNetworkTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task HttpGetHelloFromAGuestServerReturns200WithTheBody()
    {
        await using var vm = await VmOptions.CreateVmAsync();
        using var server = await StartAsync(vm, "httpserver", 8080, "8080", "1");

        using var response = await vm.Network.HttpRequestAsync(8080, new HttpRequestMessage(HttpMethod.Get, "/hello"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("OK", response.ReasonPhrase);
        Assert.Equal(new Version(1, 1), response.Version);
        Assert.Equal("hello from the guest\n", await response.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("httpserver", Assert.Single(response.Headers.GetValues("X-Guest")));
        Assert.Equal(0, (await server.WaitAsync().WaitAsync(Generous)).ExitCode);
    }

    [Fact]
    public async Task ChunkedAndReadToEofBodiesAreDecodedAndUnknownPathsGet404()
    {
        await using var vm = await VmOptions.CreateVmAsync();
        using var server = await StartAsync(vm, "httpserver", 8081, "8081", "4");

        using var chunked = await vm.Network.HttpRequestAsync(8081, new HttpRequestMessage(HttpMethod.Get, "/chunked"));
        using var eof = await vm.Network.HttpRequestAsync(8081, new HttpRequestMessage(HttpMethod.Get, "http://ignored/eof"));
        using var missing = await vm.Network.HttpRequestAsync(8081, new HttpRequestMessage(HttpMethod.Get, "/nope"));
        using var post = await vm.Network.HttpRequestAsync(8081, new HttpRequestMessage(HttpMethod.Post, "/echo") { Content = new StringContent("posted body") });

        Assert.Equal("hello from the guest\n", await chunked.Content.ReadAsStringAsync());
        Assert.False(chunked.Headers.TransferEncodingChunked ?? false);
        Assert.Equal(new Version(1, 0), eof.Version);
        Assert.Equal("hello from the guest\n", await eof.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Empty(await missing.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Created, post.StatusCode);
        Assert.Equal("posted body", await post.Content.ReadAsStringAsync());
        Assert.Equal(0, (await server.WaitAsync().WaitAsync(Generous)).ExitCode);
    }

    [Fact]
    public async Task ConnectAsyncEchoesARoundTripAndReleasesEverySocketAfterDispose()
    {
        await using var vm = await VmOptions.CreateVmAsync();
        var sockets = vm.Kernel.Registry.Find(LimitNames.Sockets)!;
        var connections = vm.Kernel.Registry.Find(LimitNames.Connections)!;
        using var server = await StartAsync(vm, "nettest", 7100, "echo-server", "7100", "1");
        var before = sockets.Current;

        var payload = new byte[300_000];
        new Random(5).NextBytes(payload);
        var echoed = new byte[payload.Length];
        await using (var stream = await vm.Network.ConnectAsync(7100))
        {
            Assert.Equal(before + 2, sockets.Current); // the host end and the guest's accepted end
            Assert.Equal(1, connections.Current);

            // Larger than a connection queue: the write awaits the guest's reads while the echo is drained.
            var write = stream.WriteAsync(payload).AsTask();
            await stream.ReadExactlyAsync(echoed).AsTask().WaitAsync(Generous);
            await write.WaitAsync(Generous);
        }

        Assert.Equal(payload, echoed);
        Assert.Equal(0, (await server.WaitAsync().WaitAsync(Generous)).ExitCode);
        await VmOptions.WaitUntilAsync(() => sockets.Current == before - 1 && connections.Current == 0, "sockets released");
    }

    [Fact]
    public async Task ConnectWithoutAListenerThrowsConnectionRefusedAndChargesNothing()
    {
        await using var vm = await VmOptions.CreateVmAsync();
        var sockets = vm.Kernel.Registry.Find(LimitNames.Sockets)!;

        var error = await Assert.ThrowsAsync<AgentOsNetworkException>(() => vm.Network.ConnectAsync(7200));
        var http = await Assert.ThrowsAsync<AgentOsNetworkException>(() => vm.Network.HttpRequestAsync(7200, new HttpRequestMessage(HttpMethod.Get, "/")));

        Assert.Equal(Errno.ECONNREFUSED, error.Errno);
        Assert.Equal(7200, error.Port);
        Assert.Equal(Errno.ECONNREFUSED, http.Errno);
        Assert.Equal(0, sockets.Current);
        Assert.Equal(0, vm.Kernel.Registry.Find(LimitNames.Connections)!.Current);
    }

    [Fact]
    public async Task HostConnectionsCountAgainstMaxSockets()
    {
        // The listener takes 1; one host connection takes 2 more; a second would need 2 of the 1 left.
        await using var vm = await VmOptions.CreateVmAsync(new ResourceLimits { MaxSockets = 4 });
        using var server = await StartAsync(vm, "nettest", 7300, "echo-server", "7300", "1");

        await using var first = await vm.Network.ConnectAsync(7300);
        var refused = await Assert.ThrowsAsync<AgentOsNetworkException>(() => vm.Network.ConnectAsync(7300));

        Assert.Equal(Errno.EAGAIN, refused.Errno);
        Assert.Equal(3, vm.Kernel.Registry.Find(LimitNames.Sockets)!.Current);
    }

    [Fact]
    public async Task ReadAfterTheGuestClosesIsEofAndDisposedStreamThrows()
    {
        await using var vm = await VmOptions.CreateVmAsync();
        using var server = await StartAsync(vm, "nettest", 7400, "echo-server", "7400", "1");

        var stream = await vm.Network.ConnectAsync(7400);
        await stream.WriteAsync(Encoding.ASCII.GetBytes("ping"));
        ((VmSocketStream)stream).ShutdownWrite();
        var reply = new byte[16];
        var n = await stream.ReadAtLeastAsync(reply, 4, throwOnEndOfStream: false);
        var eof = await stream.ReadAsync(reply);
        await stream.DisposeAsync();

        Assert.Equal("ping", Encoding.ASCII.GetString(reply, 0, n));
        Assert.Equal(0, eof);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => stream.ReadAsync(reply).AsTask());
    }

    [Fact]
    public async Task APendingReadHoldsNoThreadAndEndsOnCancellation()
    {
        await using var vm = await VmOptions.CreateVmAsync();
        using var server = await StartAsync(vm, "nettest", 7500, "echo-server", "7500", "1");
        await using var stream = await vm.Network.ConnectAsync(7500);
        using var cancel = new CancellationTokenSource();

        var read = stream.ReadAsync(new byte[16], cancel.Token).AsTask();
        Assert.False(read.IsCompleted); // nothing sent yet: the read is an awaiting task, not a blocked thread
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
        await stream.WriteAsync("still usable"u8.ToArray());
        var echoed = new byte[12];
        await stream.ReadExactlyAsync(echoed);
        Assert.Equal("still usable", Encoding.ASCII.GetString(echoed));
    }

    // Installs the C guest as /usr/local/bin/NAME (mode 0755), starts it and waits until its listener is up.
    private static async Task<AgentOsProcess> StartAsync(AgentOsVm vm, string guest, int port, params string[] args)
    {
        var path = "/usr/local/bin/" + guest;
        if (!vm.RootFileSystem.Exists(path))
        {
            vm.RootFileSystem.CreateDirectory("/usr/local/bin");
            vm.RootFileSystem.WriteAllBytes(path, CGuests.Load(guest));
            Assert.Equal(Errno.Success, vm.Kernel.FileSystem.Chmod(PathContext.Root, path, 0x1ED, follow: true));
        }

        var process = vm.Spawn(path, args);
        await VmOptions.WaitUntilAsync(() => vm.Kernel.Sockets.FindTcp(port) is { IsListening: true }, $"listener on {port}");
        return process;
    }
}
