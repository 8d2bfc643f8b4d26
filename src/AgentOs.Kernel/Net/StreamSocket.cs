using System.Globalization;
using System.Net;
using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Threading;
using AgentOs.Kernel.Vfs;

namespace AgentOs.Kernel.Net;

/// <summary>
/// A stream socket (TCP over the VM loopback, or Unix-domain): unconnected, listening with a backlog of
/// connections waiting for accept, or one end of a <see cref="StreamConnection"/>.
/// </summary>
/// <remarks>Lock order: <c>_gate</c> → the table's lock, or <c>_gate</c> → the VFS namespace lock (binding a path). A
/// listener's gate is never held while another socket's is.</remarks>
internal sealed class StreamSocket : Socket
{
    /// <summary>SOMAXCONN: the largest backlog.</summary>
    public const int MaxBacklog = 128;

    private readonly WaitGate _gate = new();

    // Guarded by _gate.
    private State _state;
    private SocketEndpoint? _local;
    private SocketEndpoint? _peer;
    private StreamConnection? _connection;
    private int _side;
    private Queue<StreamSocket>? _pending;
    private int _backlog;
    private bool _boundInTable;
    private BridgedConnection? _bridge;
    private SocketInode? _node;

    public StreamSocket(SocketTable table, SocketDomain domain, bool nonBlocking)
        : base(table, domain, nonBlocking)
    {
    }

    private enum State
    {
        Open,
        Connecting,
        Listening,
        Connected,
        Closed,
    }

    /// <inheritdoc/>
    public override FileType FileType => FileType.SocketStream;

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
    public override SocketEndpoint? PeerEndpoint
    {
        get
        {
            lock (_gate)
            {
                return _peer;
            }
        }
    }

    /// <summary>Whether the socket is listening.</summary>
    public bool IsListening
    {
        get
        {
            lock (_gate)
            {
                return _state == State.Listening;
            }
        }
    }

    /// <summary>The connection of a connected socket (tests, diagnostics).</summary>
    internal StreamConnection? Connection
    {
        get
        {
            lock (_gate)
            {
                return _connection;
            }
        }
    }

    /// <summary>The host-network bridge of a connection an allow-rule carried outside the VM (net_tls_connect
    /// upgrades it); null for in-VM connections. Set once, by the connect that made the bridge.</summary>
    internal BridgedConnection? Bridge
    {
        get => Volatile.Read(ref _bridge);
        set => Volatile.Write(ref _bridge, value);
    }

    /// <summary>Threads blocked in accept (tests, diagnostics).</summary>
    internal int AcceptWaiters => _gate.Waiters;

    /// <inheritdoc/>
    public override Errno Bind(SocketEndpoint endpoint)
    {
        var errno = CheckFamily(endpoint);
        if (errno != Errno.Success)
        {
            return errno;
        }

        lock (_gate)
        {
            if (_state != State.Open || _local is not null)
            {
                return Errno.EINVAL;
            }

            return BindLocked(endpoint);
        }
    }

    /// <summary>
    /// bind(2) of a Unix socket to a file-system path: <paramref name="createNode"/> makes the socket node (under
    /// this socket's gate, so concurrent binds of one socket cannot both succeed). Closing the socket leaves the node.
    /// </summary>
    public Errno BindPath(SocketEndpoint endpoint, Func<Socket, (Errno Errno, SocketInode? Node)> createNode)
    {
        if (Domain != SocketDomain.Unix)
        {
            return Errno.EAFNOSUPPORT;
        }

        lock (_gate)
        {
            if (_state != State.Open || _local is not null)
            {
                return Errno.EINVAL;
            }

            var (errno, node) = createNode(this);
            if (errno == Errno.Success)
            {
                _local = endpoint;
                _node = node;
            }

            return errno;
        }
    }

    /// <summary>listen(2): an unbound INET socket gets an ephemeral port; an unbound Unix socket is EINVAL.</summary>
    public Errno Listen(int backlog)
    {
        lock (_gate)
        {
            if (_state == State.Listening)
            {
                _backlog = ClampBacklog(backlog);
                return Errno.Success;
            }

            if (_state != State.Open)
            {
                return Errno.EINVAL;
            }

            if (_local is null)
            {
                if (Domain == SocketDomain.Unix)
                {
                    return Errno.EINVAL;
                }

                var errno = BindLocked(SocketEndpoint.Ip(Domain == SocketDomain.Inet6 ? IPAddress.IPv6Any : IPAddress.Any, 0));
                if (errno != Errno.Success)
                {
                    return errno;
                }
            }

            _state = State.Listening;
            _backlog = ClampBacklog(backlog);
            _pending = new Queue<StreamSocket>();
        }

        RaiseReadinessChanged();
        return Errno.Success;
    }

    /// <summary>
    /// connect(2) to <paramref name="listener"/> (null: nobody listens there → ECONNREFUSED). Charges the accepted
    /// end's socket unit and the connection unit (→ EAGAIN), and completes before returning, even when non-blocking.
    /// </summary>
    public Errno Connect(StreamSocket? listener, SocketEndpoint target)
    {
        lock (_gate)
        {
            var state = ConnectableLocked();
            if (state != Errno.Success)
            {
                return state;
            }

            if (listener is null || listener == this)
            {
                return Errno.ECONNREFUSED;
            }

            if (!Table.Sockets.TryReserve())
            {
                return Errno.EAGAIN;
            }

            if (!Table.Connections.TryReserve())
            {
                Table.Sockets.Release();
                return Errno.EAGAIN;
            }

            if (_local is null && Domain != SocketDomain.Unix)
            {
                var address = target.Address ?? IPAddress.Loopback;
                var errno = BindLocked(SocketEndpoint.Ip(address, 0));
                if (errno != Errno.Success)
                {
                    Table.Connections.Release();
                    Table.Sockets.Release();
                    return errno;
                }
            }

            _state = State.Connecting;
        }

        var local = LocalEndpoint ?? SocketEndpoint.Unix(null);
        var accepted = new StreamSocket(Table, listener.Domain, nonBlocking: false);
        var connection = new StreamConnection(Table, this, accepted);
        var serverLocal = listener.LocalEndpoint!;
        if (serverLocal.Domain != SocketDomain.Unix && target.Address is { } targetAddress && serverLocal.IsUnspecified)
        {
            serverLocal = SocketEndpoint.Ip(targetAddress, serverLocal.Port);
        }

        accepted.InitAccepted(listener, connection, serverLocal, local);
        if (!listener.Enqueue(accepted))
        {
            // Not listening (any more) or backlog full: no connection. The accepted end was never visible, so its
            // units are returned here rather than by closing it.
            Table.Connections.Release();
            Table.Sockets.Release();
            lock (_gate)
            {
                _state = State.Open;
            }

            return Errno.ECONNREFUSED;
        }

        lock (_gate)
        {
            _peer = serverLocal;
            _connection = connection;
            _side = 0;
            _state = State.Connected;
        }

        RaiseReadinessChanged();
        return Errno.Success;
    }

    // Caller holds _gate: connect(2) applies only to a socket that is neither listening, connected, connecting nor
    // closed.
    private Errno ConnectableLocked() => _state switch
    {
        State.Listening => Errno.EINVAL,
        State.Connected => Errno.EISCONN,
        State.Connecting => Errno.EALREADY,
        State.Closed => Errno.EBADF,
        _ => Errno.Success,
    };

    /// <summary>
    /// Connects to <paramref name="remote"/> outside the VM: the other end, <paramref name="bridgeEnd"/>, is a new
    /// descriptor-less socket that the host-network bridge pumps to a real socket. The caller has reserved the
    /// bridge end's socket unit and the connection unit (and returns them on failure); binds an ephemeral local
    /// port like any connect.
    /// </summary>
    public Errno ConnectExternal(SocketEndpoint remote, out StreamSocket? bridgeEnd)
    {
        bridgeEnd = null;
        SocketEndpoint local;
        lock (_gate)
        {
            var state = ConnectableLocked();
            if (state != Errno.Success)
            {
                return state;
            }

            if (_local is null)
            {
                var errno = BindLocked(SocketEndpoint.Ip(Domain == SocketDomain.Inet6 ? IPAddress.IPv6Loopback : IPAddress.Loopback, 0));
                if (errno != Errno.Success)
                {
                    return errno;
                }
            }

            local = _local!;
            _state = State.Connecting;
        }

        // The new end is unpublished; its gate is taken with ours released (lock order above).
        var end = new StreamSocket(Table, Domain, nonBlocking: true);
        var connection = new StreamConnection(Table, this, end);
        end.InitAccepted(this, connection, remote, local);
        lock (_gate)
        {
            _peer = remote;
            _connection = connection;
            _side = 0;
            _state = State.Connected;
        }

        bridgeEnd = end;

        RaiseReadinessChanged();
        return Errno.Success;
    }

    /// <summary>socketpair(2): connects two new Unix sockets to each other; the caller reserved their units.</summary>
    public static void Pair(StreamSocket first, StreamSocket second)
    {
        var connection = new StreamConnection(first.Table, first, second);
        var unnamed = SocketEndpoint.Unix(null);
        foreach (var (socket, side) in new[] { (first, 0), (second, 1) })
        {
            lock (socket._gate)
            {
                socket._local = unnamed;
                socket._peer = unnamed;
                socket._connection = connection;
                socket._side = side;
                socket._state = State.Connected;
            }
        }
    }

    /// <summary>accept(2): takes one pending connection, waiting (bounded by SO_RCVTIMEO and maxBlockingReadMs) unless non-blocking.</summary>
    public Errno Accept(in WaitContext wait, out StreamSocket accepted)
    {
        accepted = null!;
        var bounded = ReceiveWait(wait);
        long? deadline = null;
        lock (_gate)
        {
            while (true)
            {
                if (_state != State.Listening)
                {
                    return Errno.EINVAL;
                }

                if (_pending!.TryDequeue(out var next))
                {
                    accepted = next;
                    break;
                }

                var waited = _gate.Block(IsNonBlocking, bounded, ref deadline);
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

        RaiseReadinessChanged();
        return Errno.Success;
    }

    /// <inheritdoc/>
    public override Errno Send(ReadOnlySpan<byte> data, MessageFlags flags, SocketEndpoint? destination, in WaitContext wait, out int sent)
    {
        sent = 0;
        if (!TryGetConnection(out var connection, out var side))
        {
            return Errno.ENOTCONN;
        }

        return connection.Send(side, data, MustNotWait(flags), SendWait(wait), out sent) switch
        {
            Errno.ETIMEDOUT when SendTimeoutMs > 0 => Errno.EAGAIN,
            var errno => errno,
        };
    }

    /// <inheritdoc/>
    public override Errno Receive(Span<byte> buffer, MessageFlags flags, in WaitContext wait, out int received, out SocketEndpoint? source)
    {
        received = 0;
        source = null;
        if (!TryGetConnection(out var connection, out var side))
        {
            return Errno.ENOTCONN;
        }

        source = PeerEndpoint;
        var errno = connection.Receive(side, buffer, (flags & MessageFlags.Peek) != 0, (flags & MessageFlags.WaitAll) != 0, MustNotWait(flags), ReceiveWait(wait), out received);
        return errno == Errno.ETIMEDOUT ? ReceiveTimedOut() : errno;
    }

    /// <summary>sendmsg(2) with SCM_RIGHTS on a connected Unix socket. Takes <paramref name="rights"/>' references:
    /// they ride with the first byte sent, or are released when nothing was sent (also for an empty message).</summary>
    public Errno Send(ReadOnlySpan<byte> data, FileDescription[] rights, MessageFlags flags, in WaitContext wait, out int sent)
    {
        sent = 0;
        var errno = Errno.ENOTCONN;
        if (data.IsEmpty)
        {
            // As on Linux, a stream message without bytes carries nothing.
            errno = TryGetConnection(out _, out _) ? Errno.Success : Errno.ENOTCONN;
        }
        else if (TryGetConnection(out var connection, out var side))
        {
            SocketRights.Depart(Table, rights);
            errno = connection.Send(side, data, rights.Length > 0 ? rights : null, MustNotWait(flags), SendWait(wait), out sent) switch
            {
                Errno.ETIMEDOUT when SendTimeoutMs > 0 => Errno.EAGAIN,
                var result => result,
            };
            SocketRights.Settle(Table, rights, sent > 0);
            return errno;
        }

        SocketRights.ReleaseAll(rights);
        return errno;
    }

    /// <summary>recvmsg(2) with SCM_RIGHTS: descriptions that rode with the bytes read are added to
    /// <paramref name="rights"/> (references the caller owns).</summary>
    public Errno Receive(Span<byte> buffer, MessageFlags flags, in WaitContext wait, List<FileDescription> rights, out int received)
    {
        received = 0;
        if (!TryGetConnection(out var connection, out var side))
        {
            return Errno.ENOTCONN;
        }

        var errno = connection.Receive(side, buffer, (flags & MessageFlags.Peek) != 0, (flags & MessageFlags.WaitAll) != 0, MustNotWait(flags), ReceiveWait(wait), rights, out received);
        return errno == Errno.ETIMEDOUT ? ReceiveTimedOut() : errno;
    }

    /// <inheritdoc/>
    public override Errno Shutdown(ShutdownHow how)
    {
        if (!TryGetConnection(out var connection, out var side))
        {
            return Errno.ENOTCONN;
        }

        connection.Shutdown(side, how);
        return Errno.Success;
    }

    /// <inheritdoc/>
    public override Errno TakeError() =>
        TryGetConnection(out var connection, out var side) ? connection.TakeError(side) : Errno.Success;

    /// <inheritdoc/>
    public override PollEvents Poll()
    {
        StreamConnection? connection;
        int side;
        lock (_gate)
        {
            switch (_state)
            {
                case State.Listening:
                    return _pending!.Count > 0 ? PollEvents.In : PollEvents.None;
                case State.Closed:
                    return PollEvents.Nval;
                case State.Connected:
                    connection = _connection;
                    side = _side;
                    break;
                default:
                    return PollEvents.None;
            }
        }

        return connection!.Poll(side);
    }

    /// <inheritdoc/>
    internal override void AddQueuedSockets(List<Socket> into)
    {
        StreamConnection? connection;
        int side;
        StreamSocket[] pending;
        lock (_gate)
        {
            connection = _state == State.Connected ? _connection : null;
            side = _side;
            pending = _state == State.Listening ? [.. _pending!] : [];
        }

        connection?.AddQueuedSockets(side, into);
        foreach (var accepted in pending)
        {
            // A pending connection's bytes (and rights) wait for whoever accepts it from this listener.
            accepted.Connection?.AddQueuedSockets(1, into);
        }
    }

    /// <inheritdoc/>
    internal override void PurgeQueue()
    {
        StreamConnection? connection;
        int side;
        List<StreamSocket>? dropped = null;
        lock (_gate)
        {
            connection = _state == State.Connected ? _connection : null;
            side = _side;
            if (_state == State.Listening)
            {
                dropped = [.. _pending!];
                _pending!.Clear();
            }
        }

        connection?.Purge(side);
        foreach (var accepted in dropped ?? [])
        {
            accepted.Discard();
        }
    }

    /// <summary>Makes this (new, descriptor-less) socket the accepted end of <paramref name="connection"/>,
    /// inheriting the listener's options.</summary>
    private void InitAccepted(StreamSocket listener, StreamConnection connection, SocketEndpoint local, SocketEndpoint peer)
    {
        ReceiveTimeoutMs = listener.ReceiveTimeoutMs;
        ReuseAddress = listener.ReuseAddress;
        Linger = listener.Linger;
        NoDelay = listener.NoDelay;
        KeepAlive = listener.KeepAlive;
        lock (_gate)
        {
            _local = local;
            _peer = peer;
            _connection = connection;
            _side = 1;
            _state = State.Connected;
        }
    }

    /// <inheritdoc/>
    protected override void CloseCore()
    {
        StreamConnection? connection;
        int side;
        List<StreamSocket>? dropped = null;
        SocketEndpoint? local;
        bool bound;
        SocketInode? node;
        lock (_gate)
        {
            if (_state == State.Listening)
            {
                dropped = [.. _pending!];
                _pending!.Clear();
            }

            connection = _state == State.Connected ? _connection : null;
            side = _side;
            local = _local;
            bound = _boundInTable;
            node = _node;
            _state = State.Closed;
            KernelWait.WakeAll(_gate);
        }

        if (local is not null && bound)
        {
            if (Domain == SocketDomain.Unix)
            {
                Table.UnbindUnix(this, local.UnixName!);
            }
            else
            {
                Table.UnbindTcp(this, local.Port);
            }
        }

        node?.Unbind(this);
        connection?.Close(side);
        foreach (var pending in dropped ?? [])
        {
            pending.Discard();
        }
    }

    private static int ClampBacklog(int backlog) => Math.Clamp(backlog, 1, MaxBacklog);

    // Adds a connection to the accept queue; false when not listening or the backlog is full.
    private bool Enqueue(StreamSocket accepted)
    {
        lock (_gate)
        {
            if (_state != State.Listening || _pending!.Count >= _backlog)
            {
                return false;
            }

            _pending.Enqueue(accepted);
            KernelWait.WakeAll(_gate);
        }

        RaiseReadinessChanged();
        return true;
    }

    private bool TryGetConnection(out StreamConnection connection, out int side)
    {
        lock (_gate)
        {
            connection = _connection!;
            side = _side;
            return _state == State.Connected;
        }
    }

    private Errno CheckFamily(SocketEndpoint endpoint) => (Domain, endpoint.Domain) switch
    {
        (SocketDomain.Unix, SocketDomain.Unix) => Errno.Success,
        (SocketDomain.Unix, _) or (_, SocketDomain.Unix) => Errno.EAFNOSUPPORT,
        (SocketDomain.Inet, SocketDomain.Inet6) => Errno.EAFNOSUPPORT,
        _ => Errno.Success,
    };

    // Caller holds _gate; the socket is open and unbound.
    private Errno BindLocked(SocketEndpoint endpoint)
    {
        if (Domain == SocketDomain.Unix)
        {
            var name = endpoint.UnixName ?? "\0" + Inode.ToString("x5", CultureInfo.InvariantCulture);
            var errno = Table.BindUnix(this, name);
            if (errno == Errno.Success)
            {
                _local = SocketEndpoint.Unix(name);
                _boundInTable = true;
            }

            return errno;
        }

        if (endpoint.Address is null || !(endpoint.IsLoopback || endpoint.IsUnspecified))
        {
            return Errno.EACCES;
        }

        var result = Table.BindTcp(this, endpoint.Port, out var port);
        if (result == Errno.Success)
        {
            _local = endpoint.WithPort(port);
            _boundInTable = true;
        }

        return result;
    }
}
