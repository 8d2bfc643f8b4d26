using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Threading;

namespace AgentOs.Kernel.Net;

/// <summary>
/// A connected pair of Unix sockets that keep message boundaries (socketpair SOCK_DGRAM, or SOCK_SEQPACKET when
/// <see cref="Sequenced"/>): one bounded message queue per direction. Every queued message holds one unit of the
/// VM datagram-queue gauge and its length in buffered bytes (a full VM gauge → EAGAIN); a full per-direction
/// queue makes a blocking sender wait for the reader, as on Linux. A seqpacket end sees EOF and EPIPE once its
/// peer is gone; a datagram end keeps reading what is queued and gets ECONNREFUSED on send. Holds one unit of
/// <c>vm_connections</c> until both ends close.
/// </summary>
/// <remarks>One lock, <c>_gate</c>, guards all state and is the monitor waiters wait on; readiness events, gauge
/// releases and the release of in-flight descriptions run after it is dropped.</remarks>
internal sealed class MessageConnection
{
    /// <summary>Bytes one direction may hold; a longer message is EMSGSIZE.</summary>
    public const int QueueCapacity = StreamConnection.QueueCapacity;

    /// <summary>Messages one direction may hold (Linux's default <c>net.unix.max_dgram_qlen</c>).</summary>
    public const int MaxQueued = 512;

    private readonly object _gate = new();
    private readonly SocketTable _table;
    private readonly UnixMessageSocket[] _ends;
    private readonly Queue<UnixMessage>[] _inbound = [new(), new()];

    // Guarded by _gate, indexed by side.
    private readonly int[] _bytes = new int[2];
    private readonly bool[] _writeShut = new bool[2];
    private readonly bool[] _readShut = new bool[2];
    private readonly bool[] _closed = new bool[2];
    private int _waiters;

    /// <summary>Connects two new sockets; the caller has reserved the connection unit.</summary>
    public MessageConnection(SocketTable table, UnixMessageSocket first, UnixMessageSocket second, bool sequenced)
    {
        _table = table;
        _ends = [first, second];
        Sequenced = sequenced;
    }

    /// <summary>SOCK_SEQPACKET rather than SOCK_DGRAM.</summary>
    public bool Sequenced { get; }

    /// <summary>Messages queued towards <paramref name="side"/> (tests, diagnostics).</summary>
    public int Queued(int side)
    {
        lock (_gate)
        {
            return _inbound[side].Count;
        }
    }

    /// <summary>Threads waiting in send/recv (tests, diagnostics).</summary>
    public int Waiters
    {
        get
        {
            lock (_gate)
            {
                return _waiters;
            }
        }
    }

    /// <summary>
    /// Queues one message from <paramref name="side"/>, whole or not at all. On success the message owns
    /// <paramref name="rights"/>' references; on failure they stay the caller's. EMSGSIZE beyond the queue
    /// capacity, EPIPE after SHUT_WR, EPIPE (seqpacket) or ECONNREFUSED (datagram) once the peer closed, EAGAIN
    /// at a VM gauge or (non-blocking) a full queue.
    /// </summary>
    public Errno Send(int side, ReadOnlySpan<byte> data, FileDescription[]? rights, bool nonBlocking, in WaitContext wait, out int sent)
    {
        sent = 0;
        if (data.Length > QueueCapacity)
        {
            return Errno.EMSGSIZE;
        }

        var peer = 1 - side;
        long? deadline = null;
        lock (_gate)
        {
            while (true)
            {
                if (_writeShut[side])
                {
                    return Errno.EPIPE;
                }

                if (_closed[peer])
                {
                    return Sequenced ? Errno.EPIPE : Errno.ECONNREFUSED;
                }

                if (_inbound[peer].Count < MaxQueued && _bytes[peer] + data.Length <= QueueCapacity)
                {
                    break;
                }

                if (nonBlocking)
                {
                    return Errno.EAGAIN;
                }

                deadline ??= wait.DeadlineFromNow();
                var waited = WaitLocked(wait, deadline.Value);
                if (waited != Errno.Success)
                {
                    return waited;
                }
            }

            if (!_table.DatagramQueue.TryReserve())
            {
                return Errno.EAGAIN;
            }

            if (!_table.BufferedBytes.TryReserve(data.Length))
            {
                _table.DatagramQueue.Release();
                return Errno.EAGAIN;
            }

            _inbound[peer].Enqueue(new UnixMessage(data.ToArray(), rights));
            _bytes[peer] += data.Length;
            WakeLocked();
        }

        sent = data.Length;
        _ends[peer].RaiseReadinessChanged();
        return Errno.Success;
    }

    /// <summary>
    /// Takes (or with <paramref name="peek"/> copies) the next message at <paramref name="side"/>: up to the
    /// buffer's length is copied, the rest of the message is discarded. <paramref name="rights"/> come with
    /// references the caller owns (a peek takes new ones). Nothing queued: 0 bytes (EOF) after a read shutdown or,
    /// for seqpacket, once the peer is gone; else EAGAIN when non-blocking, or a wait whose errno is returned.
    /// </summary>
    public Errno Receive(
        int side, Span<byte> buffer, bool peek, bool nonBlocking, in WaitContext wait, out int copied, out int fullLength, out FileDescription[]? rights)
    {
        copied = fullLength = 0;
        rights = null;
        var peer = 1 - side;
        long? deadline = null;
        UnixMessage message;
        lock (_gate)
        {
            while (true)
            {
                if (_inbound[side].TryPeek(out message))
                {
                    if (peek)
                    {
                        rights = SocketRights.RetainAll(message.Rights);
                    }
                    else
                    {
                        _inbound[side].Dequeue();
                        _bytes[side] -= message.Data.Length;
                        rights = message.Rights;
                        WakeLocked();
                    }

                    break;
                }

                if (_readShut[side] || (Sequenced && _closed[peer]))
                {
                    return Errno.Success;
                }

                if (nonBlocking)
                {
                    return Errno.EAGAIN;
                }

                deadline ??= wait.DeadlineFromNow();
                var waited = WaitLocked(wait, deadline.Value);
                if (waited != Errno.Success)
                {
                    return waited;
                }
            }
        }

        if (peek)
        {
            SocketRights.Peeked(_table, rights);
        }
        else
        {
            SocketRights.Land(_table, rights);
        }

        copied = Math.Min(buffer.Length, message.Data.Length);
        message.Data.AsSpan(0, copied).CopyTo(buffer);
        fullLength = message.Data.Length;
        if (!peek)
        {
            _table.DatagramQueue.Release();
            _table.ReleaseBytes(message.Data.Length);
            _ends[peer].RaiseReadinessChanged();
        }

        return Errno.Success;
    }

    /// <summary>shutdown(2) at <paramref name="side"/>; the peer sees the mirror image (our SHUT_WR is its EOF), as
    /// Linux does for connected Unix sockets.</summary>
    public void Shutdown(int side, ShutdownHow how)
    {
        var peer = 1 - side;
        lock (_gate)
        {
            if ((how & ShutdownHow.Read) != 0)
            {
                _readShut[side] = _writeShut[peer] = true;
            }

            if ((how & ShutdownHow.Write) != 0)
            {
                _writeShut[side] = _readShut[peer] = true;
            }

            WakeLocked();
        }

        _ends[0].RaiseReadinessChanged();
        _ends[1].RaiseReadinessChanged();
    }

    /// <summary>The end at <paramref name="side"/> is gone: its queued messages are dropped (their descriptions
    /// released); the connection unit is returned when both ends are gone.</summary>
    public void Close(int side)
    {
        var peer = 1 - side;
        var dropped = new List<UnixMessage>();
        bool last;
        lock (_gate)
        {
            if (_closed[side])
            {
                return;
            }

            _closed[side] = true;
            last = _closed[peer];
            Drain(side, dropped);
            if (last)
            {
                Drain(peer, dropped);
            }

            WakeLocked();
        }

        _table.DatagramQueue.Release(dropped.Count);
        _table.ReleaseBytes(dropped.Sum(m => (long)m.Data.Length));
        _table.PulseBudget();
        if (last)
        {
            _table.Connections.Release();
        }

        SocketRights.Drop(_table, RightsOf(dropped));
        _ends[peer].RaiseReadinessChanged();
    }

    /// <summary>Adds the Unix sockets riding in the queue towards <paramref name="side"/> to <paramref name="into"/>.</summary>
    public void AddQueuedSockets(int side, List<Socket> into)
    {
        lock (_gate)
        {
            foreach (var message in _inbound[side])
            {
                foreach (var right in message.Rights ?? [])
                {
                    if (right is Socket { CanCarryRights: true } socket)
                    {
                        into.Add(socket);
                    }
                }
            }
        }
    }

    /// <summary>Drops the messages queued towards <paramref name="side"/>, whose socket the collector found
    /// unreachable; the end stays open until its last reference goes.</summary>
    public void Purge(int side)
    {
        var dropped = new List<UnixMessage>();
        lock (_gate)
        {
            Drain(side, dropped);
            WakeLocked();
        }

        _table.DatagramQueue.Release(dropped.Count);
        _table.ReleaseBytes(dropped.Sum(m => (long)m.Data.Length));
        SocketRights.Drop(_table, RightsOf(dropped));
        _ends[1 - side].RaiseReadinessChanged();
    }

    /// <summary>The descriptions the messages carry.</summary>
    internal static List<FileDescription> RightsOf(IEnumerable<UnixMessage> messages) => [.. messages.SelectMany(m => m.Rights ?? [])];

    /// <summary>Readiness at <paramref name="side"/>.</summary>
    public PollEvents Poll(int side)
    {
        var peer = 1 - side;
        lock (_gate)
        {
            var events = PollEvents.None;
            var peerGone = Sequenced && _closed[peer];
            if (_inbound[side].Count > 0 || _readShut[side] || peerGone)
            {
                events |= PollEvents.In;
            }

            // A datagram end whose peer closed is writable: the send fails at once rather than never.
            if (!_writeShut[side] && (_closed[peer] || (_inbound[peer].Count < MaxQueued && _bytes[peer] < QueueCapacity)))
            {
                events |= PollEvents.Out;
            }

            if (peerGone || (_readShut[side] && _writeShut[side]))
            {
                events |= PollEvents.Hup;
            }

            return events;
        }
    }

    // Caller holds _gate.
    private void Drain(int side, List<UnixMessage> into)
    {
        into.AddRange(_inbound[side]);
        _inbound[side].Clear();
        _bytes[side] = 0;
    }

    // Caller holds _gate.
    private void WakeLocked()
    {
        if (_waiters > 0)
        {
            KernelWait.WakeAll(_gate);
        }
    }

    // Caller holds _gate.
    private Errno WaitLocked(in WaitContext wait, long deadline)
    {
        _waiters++;
        try
        {
            return KernelWait.Wait(_gate, wait, deadline);
        }
        finally
        {
            _waiters--;
        }
    }
}
