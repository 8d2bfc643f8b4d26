using AgentOs.Kernel.Limits;
using AgentOs.Wasm.Tests.Executor;

namespace AgentOs.Wasm.Tests.Net;

/// <summary>host_net from real C guests: each test runs wasm32-wasi programs in a kernel with the Wasm executor.</summary>
public sealed class GuestNetworkTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task EchoServerAndClientInTwoGuestProcessesTalkOverLoopback()
    {
        using var vm = NewVm();
        var server = vm.RunAsync("nettest", "echo-server", "7000", "2");
        await ListeningAsync(vm, 7000);

        var first = await vm.RunAsync("nettest", "echo-client", "7000", "hello-world");
        var second = await vm.RunAsync("nettest", "echo-client", "7000", "again");
        var (status, stdout, stderr) = await server.WaitAsync(Generous);

        Assert.Equal(0, first.Status.Code);
        Assert.Equal("echo:hello-world peer:127.0.0.1:7000\n", first.Stdout);
        Assert.Equal("echo:again peer:127.0.0.1:7000\n", second.Stdout);
        Assert.True(status.Code == 0, stderr);
        Assert.Equal("listening\n", stdout);
        AssertAllReleased(vm);
    }

    [Fact]
    public async Task UdpRequestAndReplyRoundTrip()
    {
        using var vm = NewVm();
        var (status, stdout, stderr) = await vm.RunAsync("nettest", "udp");

        Assert.True(status.Code == 0, stderr);
        Assert.Matches(@"^server got ping, client got pong from 127\.0\.0\.1:5300\n$", stdout);
        AssertAllReleased(vm);
    }

    [Fact]
    public async Task UnixDomainStreamSocketBoundToAPathCarriesData()
    {
        using var vm = NewVm();
        var (status, stdout, stderr) = await vm.RunAsync("nettest", "unix");

        Assert.True(status.Code == 0, stderr);
        Assert.Equal("via unix at unix:/tmp/guest.sock\n", stdout);
    }

    [Fact]
    public async Task AnIdleAcceptAndAnInfinitePollEndAtMaxBlockingReadMsWithTheNoticeLines()
    {
        using var vm = NewVm(new ResourceLimits { MaxBlockingReadMs = 300 });
        var accept = await vm.RunAsync("nettest", "acceptor", "7100");
        var poll = await vm.RunAsync("nettest", "idle-poll", "7101");

        Assert.Equal(73, accept.Status.Code); // WASI ETIMEDOUT from accept
        Assert.StartsWith(
            "[agentos] blocking socket accept is nearing limits.resources.maxBlockingReadMs (300 ms)\n" +
            "[agentos] blocking socket accept exceeded limits.resources.maxBlockingReadMs (300 ms); raise limits.resources.maxBlockingReadMs if needed\n",
            accept.Stderr);
        Assert.Equal("poll errno 73 ready 0\n", poll.Stdout);
        Assert.Equal(
            "[agentos] blocking poll is nearing limits.resources.maxBlockingReadMs (300 ms)\n" +
            "[agentos] blocking poll exceeded limits.resources.maxBlockingReadMs (300 ms); raise limits.resources.maxBlockingReadMs if needed\n",
            poll.Stderr);
    }

    [Fact]
    public async Task APipeWriteEndPassedWithScmRightsWritesIntoTheSamePipe()
    {
        using var vm = NewVm();
        var (status, stdout, stderr) = await vm.RunAsync("nettest", "scm-rights");

        Assert.True(status.Code == 0, stderr);
        Assert.Equal(
            "kind 1: got 2 of 2 bytes \"fd\", truncated 0, pipe says \"through passed fd\", then 0\n" +
            "kind 2: got 2 of 3 bytes \"fd\", truncated 1, pipe says \"through passed fd\", then 0\n" +
            "kind 3: got 2 of 3 bytes \"fd\", truncated 1, pipe says \"through passed fd\", then 0\n",
            stdout);
        AssertAllReleased(vm);
    }

    [Fact]
    public async Task AUnixSocketBoundToAPathLeavesASocketNodeAfterTheGuestExits()
    {
        using var vm = NewVm();
        var (status, stdout, stderr) = await vm.RunAsync("nettest", "unix-bind");

        Assert.True(status.Code == 0, stderr);
        Assert.Equal("bound unix:/tmp/stat.sock\n", stdout);
        Assert.Equal(AgentOs.Kernel.Errno.Success, vm.Kernel.FileSystem.Stat(AgentOs.Kernel.Vfs.PathContext.Root, "/tmp/stat.sock", follow: false, out var stat));
        Assert.Equal(AgentOs.Kernel.Fds.FileType.SocketStream, stat.FileType);
        Assert.Equal(0x1EDu, stat.Mode & 0xFFF); // 0777 minus the default umask 022
        AssertAllReleased(vm);
    }

    [Fact]
    public async Task UnixDatagramServerRepliesToTheAddressRecvfromReported()
    {
        using var vm = NewVm();
        var (status, stdout, stderr) = await vm.RunAsync("nettest", "unix-dgram");

        Assert.True(status.Code == 0, stderr);
        Assert.Equal(
            "server got ping from unix:/tmp/client.sock\n" +
            "client got pong from unix:/tmp/dgram.sock, filetype 5\n",
            stdout);
        Assert.Equal(AgentOs.Kernel.Errno.Success, vm.Kernel.FileSystem.Stat(AgentOs.Kernel.Vfs.PathContext.Root, "/tmp/dgram.sock", follow: false, out _));
        AssertAllReleased(vm);
    }

    [Fact]
    public async Task SocketBombGetsEagainAtExactlyMaxSocketsAndTheVmKeepsServing()
    {
        using var vm = NewVm(new ResourceLimits { MaxSockets = 20 });
        var (status, stdout, stderr) = await vm.RunAsync("nettest", "bomb");

        Assert.True(status.Code == 0, stderr);
        Assert.Equal("opened 20 errno 6\nreopened\n", stdout);
        Assert.Equal(20, vm.Kernel.Registry.Find(LimitNames.Sockets)!.HighWater);
        Assert.Equal(0, vm.Kernel.Registry.Find(LimitNames.Sockets)!.Current);

        // Still serving: the echo pair works right after.
        var server = vm.RunAsync("nettest", "echo-server", "7001", "1");
        await ListeningAsync(vm, 7001);
        var client = await vm.RunAsync("nettest", "echo-client", "7001", "alive");
        Assert.Equal("echo:alive peer:127.0.0.1:7001\n", client.Stdout);
        Assert.Equal(0, (await server.WaitAsync(Generous)).Status.Code);
    }

    [Fact]
    public async Task AFastWriterBlocksOnASlowReaderWithoutLosingBytes()
    {
        const int Cap = 8192;
        using var vm = NewVm(new ResourceLimits { MaxSocketBufferedBytes = Cap });
        var reader = vm.RunAsync("nettest", "slow-reader", "7002");
        await ListeningAsync(vm, 7002);

        var writer = await vm.RunAsync("nettest", "writer", "7002", "3000000");
        var read = await reader.WaitAsync(Generous);

        Assert.True(writer.Status.Code == 0, writer.Stderr);
        Assert.True(read.Status.Code == 0, read.Stderr);
        var sent = writer.Stdout.Replace("sent", string.Empty, StringComparison.Ordinal);
        Assert.Equal("listening\nreceived" + sent, read.Stdout);
        Assert.StartsWith("sent 3000000 sum ", writer.Stdout, StringComparison.Ordinal);
        var buffered = vm.Kernel.Registry.Find(LimitNames.SocketBufferedBytes)!;
        Assert.Equal(Cap, buffered.HighWater); // the writer filled the VM budget, so it had to wait
        Assert.Equal(0, buffered.Current);
    }

    [Fact]
    public async Task ConnectingToAnExternalAddressIsDeniedByDefault()
    {
        using var vm = NewVm();
        var (status, stdout, stderr) = await vm.RunAsync("nettest", "external");

        Assert.True(status.Code == 0, stderr);
        Assert.Equal("connect errno 2\n", stdout); // WASI EACCES
    }

    [Fact]
    public async Task NetSendAndNetRecvAnswerEbadfForNonSocketsWithoutTouchingMemory()
    {
        using var vm = NewVm();
        vm.Install("/bin/probe", """
            (module
              (import "host_net" "net_send" (func $send (param i32 i32 i32 i32 i32) (result i32)))
              (import "host_net" "net_recv" (func $recv (param i32 i32 i32 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
              (memory (export "memory") 1)
              (func (export "_start")
                (i32.store (i32.const 16) (i32.const 0x55555555))
                ;; fd 1 is a pipe; the buffer pointer is out of bounds: EBADF must win over EFAULT.
                (if (i32.ne (call $send (i32.const 1) (i32.const -8) (i32.const 4) (i32.const 0) (i32.const 16)) (i32.const 8))
                  (then (call $exit (i32.const 1))))
                (if (i32.ne (call $recv (i32.const 0) (i32.const -8) (i32.const 4) (i32.const 0) (i32.const 16)) (i32.const 8))
                  (then (call $exit (i32.const 2))))
                (if (i32.ne (call $recv (i32.const 77) (i32.const 0) (i32.const 4) (i32.const 0) (i32.const 16)) (i32.const 8))
                  (then (call $exit (i32.const 3))))
                (if (i32.ne (i32.load (i32.const 16)) (i32.const 0x55555555))
                  (then (call $exit (i32.const 4))))
                (call $exit (i32.const 0))))
            """);

        var (status, _, _) = await vm.RunAsync("probe");

        Assert.Equal(0, status.Code);
    }

    private static ExecutorHarness NewVm(ResourceLimits? limits = null)
    {
        var vm = new ExecutorHarness(limits);
        vm.InstallBytes("/bin/nettest", CGuests.Load("nettest"));
        return vm;
    }

    // Waits for the guest's listener through kernel-visible state, not time.
    private static async Task ListeningAsync(ExecutorHarness vm, int port)
    {
        var deadline = DateTime.UtcNow + Generous;
        while (vm.Kernel.Sockets.FindTcp(port) is not { IsListening: true })
        {
            Assert.True(DateTime.UtcNow < deadline, $"no listener on port {port}");
            await Task.Delay(5);
        }
    }

    private static void AssertAllReleased(ExecutorHarness vm)
    {
        Assert.Equal(0, vm.Kernel.Registry.Find(LimitNames.Sockets)!.Current);
        Assert.Equal(0, vm.Kernel.Registry.Find(LimitNames.Connections)!.Current);
        Assert.Equal(0, vm.Kernel.Registry.Find(LimitNames.SocketBufferedBytes)!.Current);
    }
}
