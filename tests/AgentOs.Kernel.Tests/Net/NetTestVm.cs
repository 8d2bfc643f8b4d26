using System.Security.Cryptography;
using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Net;
using AgentOs.Kernel.Processes;
using Microsoft.Extensions.Logging;

namespace AgentOs.Kernel.Tests.Net;

/// <summary>A kernel and one process for driving socket system calls directly.</summary>
internal sealed class NetTestVm
{
    public static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    public NetTestVm(ResourceLimits? limits = null, IReadOnlyList<string>? environment = null, ILoggerFactory? loggerFactory = null)
    {
        Kernel = new Kernel(new KernelOptions { Limits = (limits ?? new ResourceLimits()).Resolve(), LoggerFactory = loggerFactory });
        Process = NewProcess(environment);
    }

    public Kernel Kernel { get; }

    public Process Process { get; }

    public LimitGauge Gauge(string name) => Kernel.Registry.Find(name)!;

    public Process NewProcess(IReadOnlyList<string>? environment = null)
    {
        var fds = new FdTable(Kernel.OpenFdsGauge, 64);
        var start = new ProcessStart("/bin/t") { Credentials = Credentials.AgentOsUser, Environment = environment ?? [] };
        Assert.Equal(Errno.Success, Kernel.Processes.Create(null, fds, start, out var process));
        return process;
    }

    public static SocketEndpoint Addr(string text)
    {
        Assert.Equal(Errno.Success, SocketEndpoint.TryParse(text, out var endpoint));
        return endpoint;
    }

    public int Socket(SocketDomain domain = SocketDomain.Inet, SocketKind kind = SocketKind.Stream, bool nonBlocking = false)
    {
        Assert.Equal(Errno.Success, Kernel.SocketCreate(Process, domain, kind, nonBlocking, false, out var fd));
        return fd;
    }

    public int Listener(string address = "127.0.0.1:8080", int backlog = 16)
    {
        var fd = Socket();
        Assert.Equal(Errno.Success, Kernel.SocketBind(Process, fd, Addr(address)));
        Assert.Equal(Errno.Success, Kernel.SocketListen(Process, fd, backlog));
        return fd;
    }

    /// <summary>A connected pair (client fd, accepted fd) through a listener on <paramref name="address"/>.</summary>
    public (int Client, int Server) Connected(int listener, string address = "127.0.0.1:8080", bool nonBlocking = false)
    {
        var client = Socket(nonBlocking: nonBlocking);
        Assert.Equal(Errno.Success, Kernel.SocketConnect(Process, client, Addr(address)));
        Assert.Equal(Errno.Success, Kernel.SocketAccept(Process, listener, out var server, out _));
        return (client, server);
    }

    public int PipeFd()
    {
        Assert.Equal(Errno.Success, Kernel.Pipe(Process, out var read, out _));
        return read;
    }

    public int Send(int fd, ReadOnlySpan<byte> data, MessageFlags flags = MessageFlags.None)
    {
        Assert.Equal(Errno.Success, Kernel.SocketSend(Process, fd, data, flags, null, out var sent));
        return sent;
    }

    public byte[] Receive(int fd, int capacity, MessageFlags flags = MessageFlags.None)
    {
        var buffer = new byte[capacity];
        Assert.Equal(Errno.Success, Kernel.SocketReceive(Process, fd, buffer, flags, out var n, out _));
        return buffer[..n];
    }

    public static byte[] Bytes(int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    public static string Sum(ReadOnlySpan<byte> data) => Convert.ToHexString(SHA256.HashData(data));

    /// <summary>Spins (with a generous bound) until <paramref name="condition"/> holds: waits on kernel-visible state.</summary>
    public static void Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Generous;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached");
            Thread.Yield();
        }
    }
}
