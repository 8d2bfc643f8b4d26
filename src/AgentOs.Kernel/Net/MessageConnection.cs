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
/// <remarks>One lock, <c>_gate</c>, guards all state (the two <see cref="MessageQueue{T}"/>s included) and is the
/// monitor waiters wait on; readiness events, gauge releases and the release of in-flight descriptions run after it
/// is dropped.</remarks>
internal sealed class MessageConnection
{
    /// <summary>Bytes one direction may hold; a longer message is EMSGSIZE.</summary>
    public const int QueueCapacity = StreamConnection.QueueCapacity;

    /// <summary>Messages one direction may hold (Linux's default <c>net.unix.max_dgram_qlen</c>).</summary>
    public const int MaxQueued = 512;

    private readonly WaitGate _gate = new();
    private readonly SocketTable _table;
    private readonly UnixMessageSocket[] _ends;

    // Guarded by _gate, indexed by side.
    private readonly MessageQueue<UnixMessage>[] _inbound;
    private readonly bool[] _writeShut = new bool[2];
    private readonly bool[] _readShut = new bool[2];
    private readonly bool[] _closed = new bool[2];

    /// <summary>Connects two new sockets; the caller has reserved the connection unit.</summary>
    public MessageConnection(SocketTable table, UnixMessageSocket first, UnixMessageSocket second, bool sequenced)
    {
        _table = table;
        _ends = [first, second];
        _inbound = [new(table), new(table)];
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
    public int Waiters => _gate.Waiters;

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

                if (_inbound[peer].Fits(data.Length))
                {
                    break;
                }

                var waited = _gate.Block(nonBlocking, wait, ref deadline);
                if (waited != Errno.Success)
                {
                    return waited;
                }
            }

            if (!_inbound[peer].TryEnqueue(new UnixMessage(data.ToArray(), rights)))
            {
                return Errno.EAGAIN;
            }

            _gate.Wake();
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
                        rights = message.Rights;
                        _gate.Wake();
                    }

                    break;
                }

                if (_readShut[side] || (Sequenced && _closed[peer]))
                {
                    return Errno.Success;
                }

                var waited = _gate.Block(nonBlocking, wait, ref deadline);
                if (waited != Errno.Success)
                {
                    return waited;
                }
            }
        }

        copied = _inbound[side].FinishReceive(message, rights, peek, buffer);
        fullLength = message.Data.Length;
        if (!peek)
        {
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

            _gate.Wake();
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
            _inbound[side].Drain(dropped);
            if (last)
            {
                _inbound[peer].Drain(dropped);
            }

            _gate.Wake();
        }

        _inbound[side].ReleaseGauges(dropped); // the gauges are the VM's: one call returns both directions' units
        _table.PulseBudget();
        if (last)
        {
            _table.Connections.Release();
        }

        SocketRights.Drop(_table, MessageQueue<UnixMessage>.RightsOf(dropped));
        _ends[peer].RaiseReadinessChanged();
    }

    /// <summary>Adds the Unix sockets riding in the queue towards <paramref name="side"/> to <paramref name="into"/>.</summary>
    public void AddQueuedSockets(int side, List<Socket> into)
    {
        lock (_gate)
        {
            _inbound[side].AddQueuedSockets(into);
        }
    }

    /// <summary>Drops the messages queued towards <paramref name="side"/>, whose socket the collector found
    /// unreachable; the end stays open until its last reference goes.</summary>
    public void Purge(int side)
    {
        var dropped = new List<UnixMessage>();
        lock (_gate)
        {
            _inbound[side].Drain(dropped);
            _gate.Wake();
        }

        _inbound[side].ReleaseGauges(dropped);
        SocketRights.Drop(_table, MessageQueue<UnixMessage>.RightsOf(dropped));
        _ends[1 - side].RaiseReadinessChanged();
    }

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
            if (!_writeShut[side] && (_closed[peer] || _inbound[peer].HasRoom))
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
}
