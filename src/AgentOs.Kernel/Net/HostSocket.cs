using System.Net;

namespace AgentOs.Kernel.Net;

/// <summary>
/// The host's end of a TCP connection to a guest listener on the VM loopback: a kernel stream socket that is in no
/// process's fd table but is charged like a guest's (one <c>vm_sockets</c> unit, plus the accepted end's unit and
/// the connection unit, taken by connect). Reads and writes never block a thread: they try the socket
/// non-blockingly and, on EAGAIN, await the socket's readiness (or, for a send starved of VM-wide buffer budget,
/// the table's budget release) before retrying.
/// </summary>
/// <remarks>One lock, <c>_lock</c>, a leaf guarding only the pending signal.</remarks>
internal sealed class HostSocket : IDisposable
{
    private readonly StreamSocket _socket;
    private readonly Lock _lock = new();
    private readonly Action _onReady;

    // Guarded by _lock: completed (and cleared) by the next readiness change.
    private TaskCompletionSource? _signal;

    private HostSocket(StreamSocket socket)
    {
        _socket = socket;
        _onReady = Signal;
        _socket.ReadinessChanged += _onReady;
    }

    /// <summary>The guest listener's address as the host sees it.</summary>
    public SocketEndpoint? PeerEndpoint => _socket.PeerEndpoint;

    /// <summary>
    /// Connects to the TCP listener on loopback <paramref name="port"/>. EAGAIN at <c>maxSockets</c> or
    /// <c>maxConnections</c>, ECONNREFUSED when nobody listens there or the backlog is full; nothing is left
    /// charged on failure.
    /// </summary>
    public static Errno Connect(SocketTable table, int port, out HostSocket? host)
    {
        host = null;
        if (port is <= 0 or > 65535)
        {
            return Errno.EINVAL;
        }

        if (!table.Sockets.TryReserve())
        {
            return Errno.EAGAIN;
        }

        var socket = new StreamSocket(table, SocketDomain.Inet, nonBlocking: true);
        var listener = table.FindTcp(port);
        var errno = socket.Connect(listener is { IsListening: true } ? listener : null, SocketEndpoint.Ip(IPAddress.Loopback, port));
        if (errno != Errno.Success)
        {
            socket.Discard();
            return errno;
        }

        host = new HostSocket(socket);
        return Errno.Success;
    }

    /// <summary>Wraps the descriptor-less end of a connection the kernel made (the host-network bridge's end).</summary>
    public static HostSocket Wrap(StreamSocket socket) => new(socket);

    /// <summary>Completes at the socket's next readiness change (poll waiters' event), e.g. the guest's close.</summary>
    public Task WhenReadinessChanges() => Arm();

    /// <summary>Receives what is queued, awaiting data when there is none; 0 at EOF. Errors come back as errno
    /// (ECONNRESET, EBADF once disposed).</summary>
    public async ValueTask<(Errno Errno, int Received)> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            var ready = Arm();
            var errno = _socket.Receive(buffer.Span, MessageFlags.DontWait, default, out var received, out _);
            if (errno != Errno.EAGAIN)
            {
                return (errno, received);
            }

            await ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends every byte, awaiting room in the connection queue or the VM budget; EPIPE once the guest
    /// closed, a pending ECONNRESET once.</summary>
    public async ValueTask<Errno> SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (!data.IsEmpty)
        {
            var ready = Arm();
            _socket.Table.BudgetReleased += _onReady;
            try
            {
                var errno = _socket.Send(data.Span, MessageFlags.DontWait | MessageFlags.NoSignal, null, default, out var sent);
                if (errno == Errno.Success)
                {
                    data = data[sent..];
                    continue;
                }

                if (errno != Errno.EAGAIN)
                {
                    return errno;
                }

                await ready.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _socket.Table.BudgetReleased -= _onReady;
            }
        }

        return Errno.Success;
    }

    /// <summary>shutdown(SHUT_WR): the guest reads EOF after what was sent.</summary>
    public Errno ShutdownWrite() => _socket.Shutdown(ShutdownHow.Write);

    /// <summary>Closes the socket: the guest reads EOF, its sends fail with EPIPE; the units are returned.</summary>
    public void Dispose()
    {
        _socket.ReadinessChanged -= _onReady;
        _socket.Discard();
        Signal();
    }

    private Task Arm()
    {
        lock (_lock)
        {
            _signal ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _signal.Task;
        }
    }

    private void Signal()
    {
        TaskCompletionSource? signal;
        lock (_lock)
        {
            signal = _signal;
            _signal = null;
        }

        signal?.TrySetResult();
    }
}
