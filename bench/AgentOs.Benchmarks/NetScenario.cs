using Stopwatch = System.Diagnostics.Stopwatch;
using System.Globalization;
using AgentOs.Kernel;
using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Net;
using AgentOs.Kernel.Processes;
using AgentOs.Kernel.Vfs;
using AgentOs.Wasm.Tests.Net;

namespace AgentOs.Benchmarks;

/// <summary>
/// Loopback TCP figures at the kernel's system-call boundary (`-- net`): throughput between two processes on two
/// threads (MiB/s, 64 KiB sends, 64 KiB receives) and connection setup rate (connect + accept + close both).
/// Then the same between two C guests (tests/AgentOs.Wasm.Tests/Guests/nettest.c, built on first use) in one VM,
/// which adds the Wasm call and memory-copy overhead, and host → guest through <c>vm.Network.ConnectAsync</c>.
/// </summary>
internal static class NetScenario
{
    private const int Port = 8080;

    public static void Run()
    {
        Console.WriteLine("AgentOs loopback sockets (kernel level, Release, " + Environment.ProcessorCount + " cores)");
        foreach (var chunk in new[] { 4096, 65536 })
        {
            Throughput(chunk, 256L << 20); // warm-up and measured runs share the shape
        }

        ConnectionRate(2000);
        ConnectionRate(20000);
        GuestToGuestAsync().GetAwaiter().GetResult();
    }

    private static async Task GuestToGuestAsync()
    {
        const int Mib = 512;
        Console.WriteLine("Between C guests in one VM (wasm32-wasi via host_net)");
        await using var vm = await AgentOsVm.CreateAsync(new AgentOsOptions { DefaultSoftware = false });
        vm.RootFileSystem.CreateDirectory("/bin");
        vm.RootFileSystem.WriteAllBytes("/bin/nettest", CGuests.Load("nettest"));
        Check(vm.Kernel.FileSystem.Chmod(PathContext.Root, "/bin/nettest", 0x1ED, follow: true));
        using var sink = vm.Spawn("/bin/nettest", ["sink", "9000"]);
        while (vm.Kernel.Sockets.FindTcp(9000) is not { IsListening: true })
        {
            await Task.Delay(1);
        }

        await vm.RunAsync("/bin/nettest", ["blast", "9000", "16"]); // warm-up (compiles the module)
        for (var run = 0; run < 3; run++)
        {
            var blast = await vm.RunAsync("/bin/nettest", ["blast", "9000", Mib.ToString(CultureInfo.InvariantCulture)]);
            var micros = long.Parse(blast.Stdout.Trim(), CultureInfo.InvariantCulture);
            Print($"TCP guest -> guest throughput, 64 KiB sends, {Mib} MiB", Mib / (micros / 1e6), "MiB/s");
        }

        using var acceptor = vm.Spawn("/bin/nettest", ["acceptor", "9001"]);
        while (vm.Kernel.Sockets.FindTcp(9001) is not { IsListening: true })
        {
            await Task.Delay(1);
        }

        foreach (var connections in new[] { 1000, 10000 })
        {
            var handshakes = await vm.RunAsync("/bin/nettest", ["handshakes", "9001", connections.ToString(CultureInfo.InvariantCulture)]);
            if (handshakes.ExitCode != 0)
            {
                throw new InvalidOperationException("handshakes failed: " + handshakes.Stderr);
            }

            var micros = long.Parse(handshakes.Stdout.Trim(), CultureInfo.InvariantCulture);
            Print($"TCP guest connections/second ({connections} connect+accept+close)", connections / (micros / 1e6), "conn/s");
        }

        acceptor.Kill();

        var data = new byte[65536];
        var stopwatch = Stopwatch.StartNew();
        await using (var stream = await vm.Network.ConnectAsync(9000))
        {
            for (var i = 0; i < Mib * 16; i++)
            {
                await stream.WriteAsync(data);
            }
        }

        Print($"TCP host -> guest throughput (vm.Network stream), {Mib} MiB", Mib / stopwatch.Elapsed.TotalSeconds, "MiB/s");
        sink.Kill();
    }

    private static void Throughput(int chunk, long total)
    {
        var (kernel, server, client) = NewVm();
        var listener = Listen(kernel, server);
        var clientFd = Connect(kernel, client);
        Check(kernel.SocketAccept(server, listener, out var serverFd, out _));
        var stopwatch = Stopwatch.StartNew();
        var reader = new Thread(() =>
        {
            var buffer = new byte[65536];
            long received = 0;
            while (received < total)
            {
                Check(kernel.SocketReceive(server, serverFd, buffer, MessageFlags.None, out var n, out _));
                received += n;
            }
        });
        reader.Start();
        var data = new byte[chunk];
        for (long sent = 0; sent < total;)
        {
            Check(kernel.SocketSend(client, clientFd, data, MessageFlags.None, null, out var n));
            sent += n;
        }

        reader.Join();
        var seconds = stopwatch.Elapsed.TotalSeconds;
        Print($"TCP loopback throughput, {chunk / 1024} KiB sends", total / (1024.0 * 1024.0) / seconds, "MiB/s");
    }

    private static void ConnectionRate(int count)
    {
        var (kernel, server, client) = NewVm();
        var listener = Listen(kernel, server);
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var fd = Connect(kernel, client);
            Check(kernel.SocketAccept(server, listener, out var accepted, out _));
            Check(kernel.Close(client, fd));
            Check(kernel.Close(server, accepted));
        }

        Print($"TCP connections/second ({count} connect+accept+close)", count / stopwatch.Elapsed.TotalSeconds, "conn/s");
    }

    private static (Kernel.Kernel Kernel, Process Server, Process Client) NewVm()
    {
        var kernel = new Kernel.Kernel(new KernelOptions { Limits = new ResourceLimits().Resolve() });
        return (kernel, NewProcess(kernel), NewProcess(kernel));
    }

    private static Process NewProcess(Kernel.Kernel kernel)
    {
        Check(kernel.Processes.Create(null, new FdTable(kernel.OpenFdsGauge, 64), new ProcessStart("/bin/bench") { Credentials = Credentials.AgentOsUser }, out var process));
        return process;
    }

    private static int Listen(Kernel.Kernel kernel, Process process)
    {
        Check(kernel.SocketCreate(process, SocketDomain.Inet, SocketKind.Stream, false, false, out var fd));
        Check(SocketEndpoint.TryParse("127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture), out var at));
        Check(kernel.SocketBind(process, fd, at));
        Check(kernel.SocketListen(process, fd, 128));
        return fd;
    }

    private static int Connect(Kernel.Kernel kernel, Process process)
    {
        Check(kernel.SocketCreate(process, SocketDomain.Inet, SocketKind.Stream, false, false, out var fd));
        Check(SocketEndpoint.TryParse("127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture), out var to));
        Check(kernel.SocketConnect(process, fd, to));
        return fd;
    }

    private static void Check(Errno errno)
    {
        if (errno != Errno.Success)
        {
            throw new InvalidOperationException("socket call failed: " + errno);
        }
    }

    private static void Print(string label, double value, string unit) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,-52} {value,12:F0} {unit}"));
}
