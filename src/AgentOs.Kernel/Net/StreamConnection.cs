using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Threading;

namespace AgentOs.Kernel.Net;

/// <summary>
/// An established byte-stream connection between two endpoints (side 0 = connecting end, side 1 = accepted end):
/// one bounded byte queue per direction. Every queued byte holds a unit of the VM's buffered-byte budget, so a
/// writer blocks (or gets EAGAIN) when either its connection's queue or the VM budget is full — stream bytes are
/// never dropped. Holds one unit of <c>vm_connections</c> until both ends close. On Unix sockets, descriptions
/// passed with SCM_RIGHTS ride at the stream position of the first byte sent with them: a read never runs across
/// such a position, so they arrive with that byte (Linux likewise never merges data across a message with rights).
/// </summary>
/// <remarks>
/// One lock, <c>_gate</c>, guards all state and is the monitor sync waiters wait on; readiness events and budget
/// releases (and the release of dropped in-flight descriptions) run after it is dropped. A sender waiting for VM budget waits on the table's budget gate instead,
/// never holding <c>_gate</c> there.
/// </remarks>
internal sealed class StreamConnection
{
    /// <summary>Bytes one direction may hold (Linux's default receive buffer is in this range).</summary>
    public const int QueueCapacity = 256 * 1024;

    private readonly WaitGate _gate = new();
    private readonly SocketTable _table;
    private readonly StreamSocket[] _ends;
    private readonly ByteRing[] _inbound = [new(QueueCapacity), new(QueueCapacity)];

    // Guarded by _gate, indexed by side.
    private readonly bool[] _writeShut = new bool[2];
    private readonly bool[] _readShut = new bool[2];
    private readonly bool[] _closed = new bool[2];
    private readonly Errno[] _pendingError = new Errno[2];
    // Created on the first SCM_RIGHTS send: plain TCP connections never allocate them.
    private readonly List<(long Position, FileDescription[] Rights)>?[] _attached = new List<(long Position, FileDescription[] Rights)>?[2];
    private readonly long[] _written = new long[2];
    private readonly long[] _consumed = new long[2];

    /// <summary>Creates a connection between <paramref name="connecting"/> and <paramref name="accepted"/>; the caller has
    /// reserved the connection unit.</summary>
    public StreamConnection(SocketTable table, StreamSocket connecting, StreamSocket accepted)
    {
        _table = table;
        _ends = [connecting, accepted];
    }

    /// <summary>Bytes queued towards <paramref name="side"/> (tests, diagnostics).</summary>
    public int Buffered(int side)
    {
        lock (_gate)
        {
            return _inbound[side].Count;
        }
    }

    /// <summary>Threads waiting in send/recv on this connection (tests, diagnostics).</summary>
    public int Waiters => _gate.Waiters;

    /// <summary>
    /// Sends from <paramref name="side"/>. A blocking send places every byte, waiting for room; a non-blocking one
    /// places what fits (EAGAIN if nothing). EPIPE after SHUT_WR or once the peer closed; a pending ECONNRESET is
    /// reported once.
    /// </summary>
    public Errno Send(int side, ReadOnlySpan<byte> data, bool nonBlocking, in WaitContext wait, out int sent) =>
        Send(side, data, null, nonBlocking, wait, out sent);

    /// <summary>Sends with SCM_RIGHTS: <paramref name="rights"/> ride with the first byte placed, and belong to the
    /// connection once <paramref name="sent"/> is above 0 (else they stay the caller's).</summary>
    public Errno Send(int side, ReadOnlySpan<byte> data, FileDescription[]? rights, bool nonBlocking, in WaitContext wait, out int sent)
    {
        sent = 0;
        var peer = 1 - side;
        long? deadline = null;
        while (true)
        {
            var waitForBudget = false;
            var placed = false;
            lock (_gate)
            {
                while (true)
                {
                    if (_pendingError[side] != Errno.Success)
                    {
                        var error = _pendingError[side];
                        _pendingError[side] = Errno.Success;
                        return sent > 0 ? Errno.Success : error;
                    }

                    if (_writeShut[side] || _closed[peer])
                    {
                        return sent > 0 ? Errno.Success : Errno.EPIPE;
                    }

                    var queue = _inbound[peer];
                    var room = Math.Min(queue.Free, data.Length - sent);
                    if (room > 0)
                    {
                        room = (int)Math.Min(room, _table.BufferedBytes.Available);
                        if (room > 0 && _table.BufferedBytes.TryReserve(room))
                        {
                            if (rights is not null && sent == 0)
                            {
                                (_attached[peer] ??= []).Add((_written[peer], rights));
                            }

                            queue.Write(data.Slice(sent, room));
                            _written[peer] += room;
                            sent += room;
                            placed = true;
                            _gate.Wake();
                            if (sent == data.Length)
                            {
                                break;
                            }

                            continue;
                        }

                        waitForBudget = true;
                    }

                    if (nonBlocking)
                    {
                        break;
                    }

                    if (placed)
                    {
                        // Let the reader learn of what is queued before waiting for more room.
                        break;
                    }

                    if (waitForBudget)
                    {
                        break;
                    }

                    deadline ??= wait.DeadlineFromNow();
                    var waited = _gate.Wait(wait, deadline.Value);
                    if (waited != Errno.Success)
                    {
                        return sent > 0 ? Errno.Success : waited;
                    }
                }
            }

            if (placed)
            {
                _ends[peer].RaiseReadinessChanged();
            }

            if (sent == data.Length)
            {
                return Errno.Success;
            }

            if (nonBlocking)
            {
                return sent > 0 ? Errno.Success : Errno.EAGAIN;
            }

            if (waitForBudget)
            {
                deadline ??= wait.DeadlineFromNow();
                var waited = _table.WaitForBudget(wait, deadline.Value);
                if (waited != Errno.Success)
                {
                    return sent > 0 ? Errno.Success : waited;
                }
            }
        }
    }

    /// <summary>
    /// Receives at <paramref name="side"/>: what is queued (0 = EOF once the peer shut its write side or closed).
    /// MSG_PEEK leaves the bytes; MSG_WAITALL waits until the buffer is full, EOF or an error. Nothing queued:
    /// EAGAIN when non-blocking, else waits; a wait that ends returns its errno (the caller maps timeouts).
    /// </summary>
    public Errno Receive(int side, Span<byte> buffer, bool peek, bool waitAll, bool nonBlocking, in WaitContext wait, out int received) =>
        Receive(side, buffer, peek, waitAll, nonBlocking, wait, null, out received);

    /// <summary>Receives with SCM_RIGHTS: descriptions riding at the first byte read are added to
    /// <paramref name="rights"/> with references the caller owns (a peek takes new ones). Without a list they are
    /// released, as a plain read on Linux closes them.</summary>
    public Errno Receive(int side, Span<byte> buffer, bool peek, bool waitAll, bool nonBlocking, in WaitContext wait, List<FileDescription>? rights, out int received)
    {
        received = 0;
        if (buffer.IsEmpty)
        {
            return Errno.Success;
        }

        var peer = 1 - side;
        long? deadline = null;
        long released = 0;
        var errno = Errno.Success;
        FileDescription[]? taken = null;
        lock (_gate)
        {
            while (true)
            {
                var queue = _inbound[side];
                if (queue.Count > 0 && !_readShut[side])
                {
                    var attached = _attached[side];
                    var position = _consumed[side] + (peek ? received : 0);
                    var next = 0;
                    var tookRights = false;
                    if (attached is { Count: > 0 } && attached[0].Position == position)
                    {
                        if (received > 0)
                        {
                            break;
                        }

                        var carried = attached[0].Rights;
                        if (peek)
                        {
                            if (rights is not null)
                            {
                                taken = SocketRights.RetainAll(carried);
                            }

                            next = 1;
                        }
                        else
                        {
                            attached.RemoveAt(0);
                            taken = carried;
                        }

                        tookRights = true;
                    }

                    var want = buffer.Length - received;
                    var boundary = attached is not null && attached.Count > next ? attached[next].Position - position : long.MaxValue;
                    var n = queue.Read(buffer.Slice(received, (int)Math.Min(want, boundary)), peek);
                    received += n;
                    if (!peek)
                    {
                        _consumed[side] += n;
                        released += n;
                        _gate.Wake();
                    }

                    if (peek || !waitAll || received == buffer.Length || tookRights || n == boundary)
                    {
                        break;
                    }

                    continue;
                }

                if (_pendingError[side] != Errno.Success)
                {
                    if (received == 0)
                    {
                        errno = _pendingError[side];
                        _pendingError[side] = Errno.Success;
                    }

                    break;
                }

                if (_writeShut[peer] || _closed[peer] || _readShut[side])
                {
                    break;
                }

                if (nonBlocking)
                {
                    errno = received > 0 ? Errno.Success : Errno.EAGAIN;
                    break;
                }

                deadline ??= wait.DeadlineFromNow();
                var waited = _gate.Wait(wait, deadline.Value);
                if (waited != Errno.Success)
                {
                    errno = received > 0 ? Errno.Success : waited;
                    break;
                }
            }
        }

        if (released > 0)
        {
            _table.ReleaseBytes(released);
            _ends[peer].RaiseReadinessChanged();
        }

        if (taken is not null)
        {
            if (peek)
            {
                SocketRights.Peeked(_table, taken);
            }
            else
            {
                SocketRights.Land(_table, taken);
            }

            if (rights is null)
            {
                SocketRights.ReleaseAll(taken);
            }
            else
            {
                rights.AddRange(taken);
            }
        }

        return errno;
    }

    /// <summary>shutdown(2) at <paramref name="side"/>.</summary>
    public void Shutdown(int side, ShutdownHow how)
    {
        lock (_gate)
        {
            _readShut[side] |= (how & ShutdownHow.Read) != 0;
            _writeShut[side] |= (how & ShutdownHow.Write) != 0;
            _gate.Wake();
        }

        NotifyBoth();
    }

    /// <summary>
    /// The end at <paramref name="side"/> is gone: its unread bytes are discarded (a reset for the peer, as TCP
    /// sends RST when closing with unread data), the peer reads EOF and its sends fail with EPIPE. The
    /// connection unit is returned when both ends are gone.
    /// </summary>
    public void Close(int side)
    {
        var peer = 1 - side;
        int dropped;
        bool last;
        List<FileDescription>? inFlight = null;
        lock (_gate)
        {
            if (_closed[side])
            {
                return;
            }

            _closed[side] = true;
            dropped = _inbound[side].Clear();
            DropAttachedLocked(side, ref inFlight);
            if (dropped > 0 && !_closed[peer])
            {
                _pendingError[peer] = Errno.ECONNRESET;
            }

            last = _closed[peer];
            if (last)
            {
                dropped += _inbound[peer].Clear();
                DropAttachedLocked(peer, ref inFlight);
            }

            _gate.Wake();
        }

        SocketRights.Drop(_table, inFlight);

        _table.ReleaseBytes(dropped);
        _table.PulseBudget();
        if (last)
        {
            _table.Connections.Release();
        }

        _ends[peer].RaiseReadinessChanged();
    }

    /// <summary>Adds the Unix sockets riding in the queue towards <paramref name="side"/> to <paramref name="into"/>.</summary>
    public void AddQueuedSockets(int side, List<Socket> into)
    {
        lock (_gate)
        {
            foreach (var (_, rights) in _attached[side] ?? [])
            {
                foreach (var right in rights)
                {
                    if (right is Socket { CanCarryRights: true } socket)
                    {
                        into.Add(socket);
                    }
                }
            }
        }
    }

    /// <summary>Drops the bytes and rights queued towards <paramref name="side"/>, whose socket the collector found
    /// unreachable; the end stays open until its last reference goes.</summary>
    public void Purge(int side)
    {
        int dropped;
        List<FileDescription>? inFlight = null;
        lock (_gate)
        {
            dropped = _inbound[side].Clear();
            _consumed[side] = _written[side];
            DropAttachedLocked(side, ref inFlight);
            _gate.Wake();
        }

        SocketRights.Drop(_table, inFlight);
        _table.ReleaseBytes(dropped);
        _ends[1 - side].RaiseReadinessChanged();
    }

    /// <summary>Readiness at <paramref name="side"/>.</summary>
    public PollEvents Poll(int side)
    {
        var peer = 1 - side;
        lock (_gate)
        {
            var events = PollEvents.None;
            var peerGone = _writeShut[peer] || _closed[peer];
            if (_inbound[side].Count > 0 || peerGone || _readShut[side] || _pendingError[side] != Errno.Success)
            {
                events |= PollEvents.In;
            }

            if (!_writeShut[side] && !_closed[peer] && _inbound[peer].Free > 0)
            {
                events |= PollEvents.Out;
            }

            if (_closed[peer] || (_writeShut[peer] && _writeShut[side]))
            {
                events |= PollEvents.Hup;
            }

            if (_pendingError[side] != Errno.Success)
            {
                events |= PollEvents.Err;
            }

            return events;
        }
    }

    /// <summary>SO_ERROR at <paramref name="side"/>.</summary>
    public Errno TakeError(int side)
    {
        lock (_gate)
        {
            var error = _pendingError[side];
            _pendingError[side] = Errno.Success;
            return error;
        }
    }

    // Caller holds _gate: the descriptions riding in a dropped queue go with it.
    private void DropAttachedLocked(int side, ref List<FileDescription>? into)
    {
        if (_attached[side] is not { Count: > 0 } attached)
        {
            return;
        }

        into ??= [];
        foreach (var (_, rights) in attached)
        {
            into.AddRange(rights);
        }

        attached.Clear();
    }

    private void NotifyBoth()
    {
        _ends[0].RaiseReadinessChanged();
        _ends[1].RaiseReadinessChanged();
    }
}
