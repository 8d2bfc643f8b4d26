using System.Globalization;
using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Threading;
using AgentOs.Kernel.Vfs;

namespace AgentOs.Kernel.Net;

/// <summary>
/// A Unix datagram socket from socket(2) (unix(7) SOCK_DGRAM): bound to a path (a socket node in the VFS), an
/// abstract or an autobind name, or unnamed; optionally connected to a default peer. Each socket has one bounded
/// receive queue (the per-direction bounds of <see cref="MessageConnection"/>); every queued datagram holds one unit
/// of the VM datagram-queue gauge and its length in buffered bytes (a full VM gauge → EAGAIN). A sender to a full
/// queue waits for the reader (non-blocking: EAGAIN); nothing is dropped. A receiver connected to another socket
/// refuses everyone else (EPERM), as Linux's unix_may_send.
/// </summary>
/// <remarks>Lock order: <c>_gate</c> → the table's lock, or <c>_gate</c> → the VFS namespace lock (binding a path).
/// A socket's gate is never held while another socket's is: a sender delivers under the receiver's gate only, and
/// waits there for room. The receive queue (<see cref="MessageQueue{T}"/>) takes no lock; it reserves VM gauges
/// under the gate as before. Readiness events, gauge releases and the release of in-flight descriptions run after
/// the gate is dropped.</remarks>
internal sealed class UnixDatagramSocket : Socket
{
    private static readonly SocketEndpoint Unnamed = SocketEndpoint.Unix(null);

    private readonly WaitGate _gate = new();

    // Guarded by _gate.
    private readonly MessageQueue<UnixDatagram> _queue;
    private readonly HashSet<UnixDatagramSocket> _writers = []; // sockets connected to this one, told when room frees
    private SocketEndpoint? _local;
    private bool _boundInTable;
    private SocketInode? _node;
    private UnixDatagramSocket? _peer;
    private SocketEndpoint? _peerName;
    private bool _readShut;
    private bool _writeShut;
    private bool _closed;

    public UnixDatagramSocket(SocketTable table, bool nonBlocking)
        : base(table, SocketDomain.Unix, nonBlocking)
    {
        _queue = new(table);
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
    public override SocketEndpoint? PeerEndpoint
    {
        get
        {
            lock (_gate)
            {
                return _peerName;
            }
        }
    }

    /// <summary>Datagrams queued here (tests, diagnostics).</summary>
    internal int Queued
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Threads waiting here: receivers, and senders waiting for room in this socket's queue (tests, diagnostics).</summary>
    internal int Waiters => _gate.Waiters;

    /// <summary>bind(2) to an abstract name, or autobind (no name: a 5-hex-digit abstract name, as Linux).
    /// EINVAL when already bound; EADDRINUSE when the name is taken by another datagram socket.</summary>
    public override Errno Bind(SocketEndpoint endpoint)
    {
        if (endpoint.Domain != SocketDomain.Unix)
        {
            return Errno.EAFNOSUPPORT;
        }

        lock (_gate)
        {
            if (_closed || _local is not null)
            {
                return Errno.EINVAL;
            }

            var name = endpoint.UnixName ?? "\0" + Inode.ToString("x5", CultureInfo.InvariantCulture);
            var errno = Table.BindUnixDatagram(this, name);
            if (errno == Errno.Success)
            {
                _local = SocketEndpoint.Unix(name);
                _boundInTable = true;
            }

            return errno;
        }
    }

    /// <summary>bind(2) to a file-system path: <paramref name="createNode"/> makes the socket node (under this
    /// socket's gate, so concurrent binds of one socket cannot both succeed). Closing the socket leaves the node.</summary>
    public Errno BindPath(SocketEndpoint endpoint, Func<Socket, (Errno Errno, SocketInode? Node)> createNode)
    {
        lock (_gate)
        {
            if (_closed || _local is not null)
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

    /// <summary>
    /// connect(2): <paramref name="target"/> becomes the default destination of send and the name getpeername
    /// reports; connecting again replaces it. ECONNREFUSED when the target has closed, EPERM when it is connected
    /// to another socket.
    /// </summary>
    public Errno Connect(UnixDatagramSocket target)
    {
        var errno = target.AddWriter(this);
        if (errno != Errno.Success)
        {
            return errno;
        }

        var name = target.LocalEndpoint ?? Unnamed;
        UnixDatagramSocket? previous;
        lock (_gate)
        {
            previous = _peer;
            _peer = target;
            _peerName = name;
        }

        if (previous is not null && previous != target)
        {
            previous.RemoveWriter(this);
        }

        RaiseReadinessChanged();
        return Errno.Success;
    }

    /// <inheritdoc/>
    public override Errno Send(ReadOnlySpan<byte> data, MessageFlags flags, SocketEndpoint? destination, in WaitContext wait, out int sent)
    {
        // Destinations are resolved by the kernel (they need the caller's credentials and cwd).
        sent = 0;
        return destination is null ? Send(data, null, flags, null, wait, out sent) : Errno.EINVAL;
    }

    /// <summary>
    /// sendto(2)/sendmsg(2): one datagram to <paramref name="target"/>, or to the connected peer when null
    /// (ENOTCONN without one). Takes <paramref name="rights"/>' references: the queued datagram holds them, or they
    /// are released when the send fails. EPIPE after SHUT_WR, EMSGSIZE beyond the queue capacity, ECONNREFUSED
    /// when the receiver has closed (a connected peer is then forgotten, as on Linux), EPERM when the receiver is
    /// connected elsewhere, EAGAIN at a VM gauge or a full queue when not waiting.
    /// </summary>
    public Errno Send(ReadOnlySpan<byte> data, FileDescription[]? rights, MessageFlags flags, UnixDatagramSocket? target, in WaitContext wait, out int sent)
    {
        sent = 0;
        SocketRights.Depart(Table, rights);
        var errno = SendCore(data, rights, flags, target, wait, out sent);
        SocketRights.Settle(Table, rights, errno == Errno.Success);
        return errno;
    }

    /// <inheritdoc/>
    public override Errno Receive(Span<byte> buffer, MessageFlags flags, in WaitContext wait, out int received, out SocketEndpoint? source)
    {
        var errno = Receive(buffer, flags, wait, out var copied, out var fullLength, out var rights, out source);
        SocketRights.ReleaseAll(rights); // a plain recv discards passed descriptions, as Linux closes them
        received = (flags & MessageFlags.Truncate) != 0 ? fullLength : copied;
        return errno;
    }

    /// <summary>
    /// recvmsg(2): takes (or with MSG_PEEK copies) the next datagram; up to the buffer's length is copied and the
    /// rest discarded. <paramref name="rights"/> come with references the caller owns (a peek takes new ones);
    /// <paramref name="source"/> is the sender's name. Nothing queued: 0 bytes after SHUT_RD, EAGAIN when not
    /// waiting, else a wait bounded by SO_RCVTIMEO (EAGAIN) and <c>maxBlockingReadMs</c> (ETIMEDOUT).
    /// </summary>
    public Errno Receive(
        Span<byte> buffer, MessageFlags flags, in WaitContext wait, out int copied, out int fullLength, out FileDescription[]? rights, out SocketEndpoint? source)
    {
        copied = fullLength = 0;
        rights = null;
        source = null;
        var peek = (flags & MessageFlags.Peek) != 0;
        var bounded = ReceiveWait(wait);
        long? deadline = null;
        UnixDatagram datagram;
        UnixDatagramSocket[] roomFreed = [];
        lock (_gate)
        {
            while (true)
            {
                if (_queue.TryPeek(out datagram))
                {
                    if (peek)
                    {
                        rights = SocketRights.RetainAll(datagram.Rights);
                    }
                    else
                    {
                        var wasFull = !_queue.HasRoom;
                        _queue.Dequeue();
                        rights = datagram.Rights;
                        if (wasFull)
                        {
                            roomFreed = [.. _writers];
                        }

                        _gate.Wake();
                    }

                    break;
                }

                if (_readShut || _closed)
                {
                    return Errno.Success;
                }

                var waited = _gate.Block(MustNotWait(flags), bounded, ref deadline);
                if (waited != Errno.Success)
                {
                    return waited == Errno.ETIMEDOUT ? ReceiveTimedOut() : waited;
                }
            }
        }

        copied = _queue.FinishReceive(datagram, rights, peek, buffer);
        fullLength = datagram.Data.Length;
        source = datagram.Source;
        if (!peek)
        {
            foreach (var writer in roomFreed)
            {
                writer.RaiseReadinessChanged();
            }
        }

        return Errno.Success;
    }

    /// <summary>shutdown(2) of this socket only (a datagram peer is not told, as on Linux): after SHUT_RD an empty
    /// queue reads as EOF, after SHUT_WR sends are EPIPE.</summary>
    public override Errno Shutdown(ShutdownHow how)
    {
        lock (_gate)
        {
            _readShut |= (how & ShutdownHow.Read) != 0;
            _writeShut |= (how & ShutdownHow.Write) != 0;
            _gate.Wake();
        }

        RaiseReadinessChanged();
        return Errno.Success;
    }

    /// <inheritdoc/>
    public override Errno TakeError() => Errno.Success;

    /// <summary>Readable with a datagram queued (or after SHUT_RD); writable unless SHUT_WR while unconnected or
    /// while the connected peer's queue has room (or the peer is gone, so the send fails at once).</summary>
    public override PollEvents Poll()
    {
        PollEvents events;
        UnixDatagramSocket? peer;
        lock (_gate)
        {
            if (_closed)
            {
                return PollEvents.Nval;
            }

            events = _queue.Count > 0 || _readShut ? PollEvents.In : PollEvents.None;
            if (_readShut && _writeShut)
            {
                events |= PollEvents.Hup;
            }

            if (_writeShut)
            {
                return events;
            }

            peer = _peer;
        }

        return peer is null || peer.HasRoomOrClosed() ? events | PollEvents.Out : events;
    }

    /// <inheritdoc/>
    protected override void CloseCore()
    {
        List<UnixDatagram> dropped = [];
        SocketEndpoint? local;
        bool bound;
        SocketInode? node;
        UnixDatagramSocket? peer;
        UnixDatagramSocket[] writers;
        lock (_gate)
        {
            _closed = true;
            _queue.Drain(dropped);
            local = _local;
            bound = _boundInTable;
            node = _node;
            peer = _peer;
            _peer = null;
            writers = [.. _writers];
            _writers.Clear();
            KernelWait.WakeAll(_gate);
        }

        if (local is not null && bound)
        {
            Table.UnbindUnixDatagram(this, local.UnixName!);
        }

        node?.Unbind(this);
        if (peer is not null && peer != this)
        {
            peer.RemoveWriter(this);
        }

        _queue.ReleaseGauges(dropped);
        Table.PulseBudget();
        SocketRights.Drop(Table, MessageQueue<UnixDatagram>.RightsOf(dropped));
        foreach (var writer in writers)
        {
            writer.RaiseReadinessChanged();
        }
    }

    /// <inheritdoc/>
    internal override void AddQueuedSockets(List<Socket> into)
    {
        lock (_gate)
        {
            _queue.AddQueuedSockets(into);
        }
    }

    /// <inheritdoc/>
    internal override void PurgeQueue()
    {
        List<UnixDatagram> dropped = [];
        UnixDatagramSocket[] writers;
        lock (_gate)
        {
            _queue.Drain(dropped);
            writers = [.. _writers];
            _gate.Wake();
        }

        _queue.ReleaseGauges(dropped);
        SocketRights.Drop(Table, MessageQueue<UnixDatagram>.RightsOf(dropped));
        foreach (var writer in writers)
        {
            writer.RaiseReadinessChanged();
        }
    }

    private Errno SendCore(ReadOnlySpan<byte> data, FileDescription[]? rights, MessageFlags flags, UnixDatagramSocket? target, in WaitContext wait, out int sent)
    {
        sent = 0;
        var toPeer = target is null;
        SocketEndpoint source;
        lock (_gate)
        {
            if (_writeShut)
            {
                return Errno.EPIPE;
            }

            target ??= _peer;
            source = _local ?? Unnamed;
        }

        if (target is null)
        {
            return Errno.ENOTCONN;
        }

        if (data.Length > MessageConnection.QueueCapacity)
        {
            return Errno.EMSGSIZE;
        }

        var errno = target.Deliver(this, source, data, rights, MustNotWait(flags), SendWait(wait)) switch
        {
            Errno.ETIMEDOUT when SendTimeoutMs > 0 => Errno.EAGAIN,
            var result => result,
        };
        if (errno == Errno.ECONNREFUSED && toPeer)
        {
            ForgetPeer(target);
        }

        if (errno == Errno.Success)
        {
            sent = data.Length;
        }

        return errno;
    }

    // Queues one datagram from sender here, whole or not at all; on success the datagram owns the rights' references.
    private Errno Deliver(UnixDatagramSocket sender, SocketEndpoint source, ReadOnlySpan<byte> data, FileDescription[]? rights, bool nonBlocking, in WaitContext wait)
    {
        long? deadline = null;
        lock (_gate)
        {
            while (true)
            {
                if (_closed)
                {
                    return Errno.ECONNREFUSED;
                }

                if (_peer is not null && _peer != sender)
                {
                    return Errno.EPERM;
                }

                if (_queue.Fits(data.Length))
                {
                    break;
                }

                var waited = _gate.Block(nonBlocking, wait, ref deadline);
                if (waited != Errno.Success)
                {
                    return waited;
                }
            }

            if (!_queue.TryEnqueue(new UnixDatagram(data.ToArray(), source, rights)))
            {
                return Errno.EAGAIN;
            }

            _gate.Wake();
        }

        RaiseReadinessChanged();
        return Errno.Success;
    }

    // Registers a socket connecting to this one (for its poll wakeups), after unix_may_send's check.
    private Errno AddWriter(UnixDatagramSocket writer)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return Errno.ECONNREFUSED;
            }

            if (_peer is not null && _peer != writer)
            {
                return Errno.EPERM;
            }

            _writers.Add(writer);
            return Errno.Success;
        }
    }

    private void RemoveWriter(UnixDatagramSocket writer)
    {
        lock (_gate)
        {
            _writers.Remove(writer);
        }
    }

    private void ForgetPeer(UnixDatagramSocket gone)
    {
        lock (_gate)
        {
            if (_peer == gone)
            {
                _peer = null;
                _peerName = null;
            }
        }
    }

    private bool HasRoomOrClosed()
    {
        lock (_gate)
        {
            return _closed || _queue.HasRoom;
        }
    }
}
