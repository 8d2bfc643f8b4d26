using System.Net;
using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Threading;

namespace AgentOs.Kernel.Net;

/// <summary>
/// A UDP socket on the VM loopback: bound to a port (explicitly or on first send), receiving a queue of
/// datagrams. Every queued datagram holds one unit of the VM datagram-queue gauge and its length in buffered
/// bytes; a datagram that does not fit is refused with EAGAIN (never partially queued). Sends to allowed
/// destinations outside the VM go through a <see cref="UdpBridge"/>.
/// </summary>
/// <remarks>One lock, <c>_gate</c>, guards the queue and binding; the table's lock may be taken under it.</remarks>
internal sealed class DatagramSocket : Socket
{
    private readonly WaitGate _gate = new();

    // Guarded by _gate.
    private readonly Queue<Datagram> _queue = new();
    private SocketEndpoint? _local;
    private UdpBridge? _bridge;
    private bool _closed;

    public DatagramSocket(SocketTable table, SocketDomain domain, bool nonBlocking)
        : base(table, domain, nonBlocking)
    {
    }

    /// <inheritdoc/>
    public override FileType FileType => FileType.SocketDatagram;

    /// <inheritdoc/>
    public override SocketEndpoint? LocalEndpoint
    {
        get
        {
            lock (_gate)
            {
                return _local;
            }
        }
    }

    /// <inheritdoc/>
    public override SocketEndpoint? PeerEndpoint => null;

    /// <summary>Threads blocked in a receive (tests, diagnostics).</summary>
    internal int Waiters => _gate.Waiters;

    /// <inheritdoc/>
    public override Errno Bind(SocketEndpoint endpoint)
    {
        if (endpoint.Domain == SocketDomain.Unix || (Domain == SocketDomain.Inet && endpoint.Domain == SocketDomain.Inet6))
        {
            return Errno.EAFNOSUPPORT;
        }

        if (endpoint.Address is null || !(endpoint.IsLoopback || endpoint.IsUnspecified))
        {
            return Errno.EACCES;
        }

        lock (_gate)
        {
            return _local is not null || _closed ? Errno.EINVAL : BindLocked(endpoint);
        }
    }

    /// <summary>The largest UDP payload (65,535 minus the IP and UDP headers); a bigger datagram is EMSGSIZE.</summary>
    private int MaxPayload => Domain == SocketDomain.Inet6 ? 65_527 : 65_507;

    /// <summary>
    /// sendto(2) to a resolved loopback <paramref name="destination"/>; binds an ephemeral port first if unbound.
    /// A datagram to a port nobody has bound is dropped (UDP gives no error for it).
    /// </summary>
    public override Errno Send(ReadOnlySpan<byte> data, MessageFlags flags, SocketEndpoint? destination, in WaitContext wait, out int sent)
    {
        sent = 0;
        if (destination is null)
        {
            return Errno.ENOTCONN;
        }

        if (data.Length > MaxPayload)
        {
            return Errno.EMSGSIZE;
        }

        SocketEndpoint source;
        lock (_gate)
        {
            if (_local is null)
            {
                var errno = BindLocked(SocketEndpoint.Ip(Domain == SocketDomain.Inet6 ? IPAddress.IPv6Loopback : IPAddress.Loopback, 0));
                if (errno != Errno.Success)
                {
                    return errno;
                }
            }

            source = _local!.IsUnspecified && destination.Address is { } to ? SocketEndpoint.Ip(to, _local.Port) : _local;
        }

        if (Table.FindUdp(destination.Port) is { } target)
        {
            var errno = target.Deliver(data, source);
            if (errno != Errno.Success)
            {
                return errno;
            }
        }

        sent = data.Length;
        return Errno.Success;
    }

    /// <summary>
    /// sendto(2) to <paramref name="address"/>:<paramref name="port"/> outside the VM (the kernel has checked the
    /// network permission) through this socket's host UDP socket, created on first use; EAGAIN at <c>maxSockets</c>.
    /// </summary>
    public Errno SendExternal(ReadOnlySpan<byte> data, IPAddress address, int port, Microsoft.Extensions.Logging.ILogger logger, out int sent)
    {
        sent = 0;
        if (data.Length > MaxPayload)
        {
            return Errno.EMSGSIZE;
        }

        UdpBridge bridge;
        var created = false;
        lock (_gate)
        {
            if (_closed)
            {
                return Errno.EBADF;
            }

            if (_bridge is null)
            {
                var errno = UdpBridge.Create(this, logger, out _bridge);
                if (errno != Errno.Success)
                {
                    return errno;
                }

                created = true;
            }

            bridge = _bridge!;
        }

        if (created)
        {
            bridge.Start();
        }

        var result = bridge.Send(data, address, port);
        if (result == Errno.Success)
        {
            sent = data.Length;
        }

        return result;
    }

    /// <inheritdoc/>
    public override Errno Receive(Span<byte> buffer, MessageFlags flags, in WaitContext wait, out int received, out SocketEndpoint? source)
    {
        received = 0;
        source = null;
        var bounded = ReceiveWait(wait);
        long? deadline = null;
        Datagram datagram;
        var peek = (flags & MessageFlags.Peek) != 0;
        lock (_gate)
        {
            while (true)
            {
                if (_queue.Count > 0)
                {
                    datagram = peek ? _queue.Peek() : _queue.Dequeue();
                    break;
                }

                if (_closed)
                {
                    return Errno.EBADF;
                }

                var waited = _gate.Block(MustNotWait(flags), bounded, ref deadline);
                if (waited == Errno.ETIMEDOUT)
                {
                    return ReceiveTimedOut();
                }

                if (waited != Errno.Success)
                {
                    return waited;
                }
            }
        }

        var copied = Math.Min(buffer.Length, datagram.Data.Length);
        datagram.Data.AsSpan(0, copied).CopyTo(buffer);
        received = (flags & MessageFlags.Truncate) != 0 ? datagram.Data.Length : copied;
        source = datagram.Source;
        if (!peek)
        {
            Table.DatagramQueue.Release();
            Table.BufferedBytes.Release(datagram.Data.Length);
            Table.PulseBudget(); // also for an empty datagram: a bridge may wait for queue room
            RaiseReadinessChanged();
        }

        return Errno.Success;
    }

    /// <inheritdoc/>
    public override Errno Shutdown(ShutdownHow how) => Errno.ENOTCONN;

    /// <inheritdoc/>
    public override Errno TakeError() => Errno.Success;

    /// <inheritdoc/>
    public override PollEvents Poll()
    {
        lock (_gate)
        {
            return _closed ? PollEvents.Nval : (_queue.Count > 0 ? PollEvents.In : PollEvents.None) | PollEvents.Out;
        }
    }

    /// <summary>Queues a datagram for this socket; EAGAIN when the VM's datagram queue or byte budget is full.</summary>
    internal Errno Deliver(ReadOnlySpan<byte> data, SocketEndpoint source)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return Errno.Success;
            }

            if (!Table.DatagramQueue.TryReserve())
            {
                return Errno.EAGAIN;
            }

            if (!Table.BufferedBytes.TryReserve(data.Length))
            {
                Table.DatagramQueue.Release();
                return Errno.EAGAIN;
            }

            _queue.Enqueue(new Datagram(data.ToArray(), source));
            _gate.Wake();
        }

        RaiseReadinessChanged();
        return Errno.Success;
    }

    /// <inheritdoc/>
    protected override void CloseCore()
    {
        SocketEndpoint? local;
        UdpBridge? bridge;
        long bytes = 0;
        int count;
        lock (_gate)
        {
            _closed = true;
            local = _local;
            bridge = _bridge;
            _bridge = null;
            count = _queue.Count;
            foreach (var datagram in _queue)
            {
                bytes += datagram.Data.Length;
            }

            _queue.Clear();
            KernelWait.WakeAll(_gate);
        }

        if (local is not null)
        {
            Table.UnbindUdp(this, local.Port);
        }

        bridge?.Dispose();
        Table.DatagramQueue.Release(count);
        Table.BufferedBytes.Release(bytes);
        Table.PulseBudget();
    }

    // Caller holds _gate.
    private Errno BindLocked(SocketEndpoint endpoint)
    {
        var errno = Table.BindUdp(this, endpoint.Port, out var port);
        if (errno == Errno.Success)
        {
            _local = endpoint.WithPort(port);
        }

        return errno;
    }
}
