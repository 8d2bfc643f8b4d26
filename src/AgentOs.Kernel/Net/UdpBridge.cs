using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace AgentOs.Kernel.Net;

/// <summary>
/// The host UDP socket behind one guest datagram socket that sends to destinations an allow-rule of the
/// <c>network</c> permission matches: created on the first such send, disposed with the guest socket, and counted
/// as one socket against <c>maxSockets</c>. Replies are queued into the guest socket under the datagram-queue and
/// buffered-byte caps; while they are full the bridge stops receiving (the host socket's own buffer holds the rest),
/// so nothing is dropped on the VM side.
/// </summary>
internal sealed partial class UdpBridge : IDisposable
{
    private const int MaxDatagramBytes = 65536;

    private readonly DatagramSocket _guest;
    private readonly ILogger _logger;
    private readonly System.Net.Sockets.Socket _real;
    private readonly CancellationTokenSource _stop = new();
    private int _disposed;

    private UdpBridge(DatagramSocket guest, ILogger logger, System.Net.Sockets.Socket real)
    {
        _guest = guest;
        _logger = logger;
        _real = real;
    }

    /// <summary>A bridge for <paramref name="guest"/>; EAGAIN at <c>maxSockets</c>. Call <see cref="Start"/> next.</summary>
    public static Errno Create(DatagramSocket guest, ILogger logger, out UdpBridge? bridge)
    {
        bridge = null;
        if (!guest.Table.Sockets.TryReserve())
        {
            return Errno.EAGAIN;
        }

        var real = OpenHostSocket();
        if (real is null)
        {
            guest.Table.Sockets.Release();
            return Errno.ENETDOWN;
        }

        bridge = new UdpBridge(guest, logger, real);
        return Errno.Success;
    }

    /// <summary>Starts moving replies from the host socket into the guest socket.</summary>
    public void Start() => _ = ReceiveAsync();

    /// <summary>Sends one datagram to <paramref name="address"/>:<paramref name="port"/> on the host network.</summary>
    public Errno Send(ReadOnlySpan<byte> data, IPAddress address, int port)
    {
        if (_real.AddressFamily == AddressFamily.InterNetwork && address.AddressFamily != AddressFamily.InterNetwork)
        {
            return Errno.EAFNOSUPPORT; // the host has no IPv6
        }

        var remote = new IPEndPoint(_real.AddressFamily == AddressFamily.InterNetworkV6 ? address.MapToIPv6() : address, port);
        try
        {
            _real.SendTo(data, SocketFlags.None, remote);
            return Errno.Success;
        }
        catch (ObjectDisposedException)
        {
            return Errno.EBADF;
        }
        catch (SocketException e)
        {
            return e.SocketErrorCode switch
            {
                SocketError.MessageSize => Errno.EMSGSIZE,
                SocketError.NoBufferSpaceAvailable or SocketError.WouldBlock => Errno.EAGAIN,
                SocketError.NetworkUnreachable or SocketError.NetworkDown => Errno.ENETUNREACH,
                _ => Errno.EHOSTUNREACH,
            };
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stop.Cancel();
        _real.Dispose();
        _stop.Dispose();
        _guest.Table.Sockets.Release();
    }

    // A dual-mode IPv6 socket reaches both families; a host without IPv6 gets an IPv4 one. Null when neither opens.
    private static System.Net.Sockets.Socket? OpenHostSocket()
    {
        foreach (var family in (AddressFamily[])[AddressFamily.InterNetworkV6, AddressFamily.InterNetwork])
        {
            System.Net.Sockets.Socket? real = null;
            try
            {
                real = new System.Net.Sockets.Socket(family, SocketType.Dgram, ProtocolType.Udp);
                if (family == AddressFamily.InterNetworkV6)
                {
                    real.DualMode = true;
                }

                real.Bind(new IPEndPoint(family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0));
                return real;
            }
            catch (SocketException)
            {
                real?.Dispose();
            }
        }

        return null;
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[MaxDatagramBytes];
        EndPoint any = new IPEndPoint(_real.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        try
        {
            var stop = _stop.Token;
            while (!stop.IsCancellationRequested)
            {
                SocketReceiveFromResult result;
                try
                {
                    result = await _real.ReceiveFromAsync(buffer, SocketFlags.None, any, stop).ConfigureAwait(false);
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
                {
                    continue; // an ICMP port-unreachable for an earlier send: UDP reports nothing for it
                }

                var from = (IPEndPoint)result.RemoteEndPoint;
                var source = SocketEndpoint.Ip(RestrictedAddresses.Normalize(from.Address), from.Port);
                await DeliverAsync(buffer.AsMemory(0, result.ReceivedBytes), source, stop).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The guest socket closed (the bridge was disposed) or the host socket failed: the guest sees no more replies.
        }
    }

    // Queues one datagram, waiting (without receiving more) until the VM's queue and byte caps have room.
    private async Task DeliverAsync(ReadOnlyMemory<byte> data, SocketEndpoint source, CancellationToken stop)
    {
        var table = _guest.Table;
        if (data.Length > table.BufferedBytes.Capacity)
        {
            LogTooLarge(_logger, source.ToString(), data.Length, table.BufferedBytes.Capacity);
            return;
        }

        while (true)
        {
            var room = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            void Wake() => room.TrySetResult();
            table.BudgetReleased += Wake;
            try
            {
                if (_guest.Deliver(data.Span, source) != Errno.EAGAIN)
                {
                    return; // queued, or the guest socket is closed
                }

                await room.Task.WaitAsync(stop).ConfigureAwait(false);
            }
            finally
            {
                table.BudgetReleased -= Wake;
            }
        }
    }

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning,
        Message = "network: a {Length}-byte UDP datagram from {Source} exceeds maxSocketBufferedBytes ({Capacity}) and was dropped")]
    private static partial void LogTooLarge(ILogger logger, string source, int length, long capacity);
}
