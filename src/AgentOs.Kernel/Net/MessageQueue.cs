using AgentOs.Kernel.Fds;

namespace AgentOs.Kernel.Net;

/// <summary>
/// A bounded queue of Unix messages (one direction of a <see cref="MessageConnection"/>, or the receive queue of a
/// <see cref="UnixDatagramSocket"/>) with its VM accounting: every queued message holds one unit of the VM
/// datagram-queue gauge and its length in buffered bytes. At most <see cref="MessageConnection.MaxQueued"/> messages
/// and <see cref="MessageConnection.QueueCapacity"/> bytes.
/// </summary>
/// <remarks>Takes no lock of its own: the owner's gate guards every member except <see cref="FinishReceive"/> and
/// <see cref="ReleaseGauges"/>, which touch only the VM gauges and in-flight descriptions and run after the owner has
/// dropped its gate, so the owner's lock order stays as it documents.</remarks>
internal sealed class MessageQueue<T>
    where T : struct, IUnixMessage
{
    private readonly SocketTable _table;
    private readonly Queue<T> _messages = new();
    private int _bytes;

    public MessageQueue(SocketTable table) => _table = table;

    /// <summary>Messages queued.</summary>
    public int Count => _messages.Count;

    /// <summary>Room for at least one more byte (poll's writability).</summary>
    public bool HasRoom => _messages.Count < MessageConnection.MaxQueued && _bytes < MessageConnection.QueueCapacity;

    /// <summary>Whether a message of <paramref name="length"/> bytes fits the per-queue bounds (a sender waits until it does).</summary>
    public bool Fits(int length) => _messages.Count < MessageConnection.MaxQueued && _bytes + length <= MessageConnection.QueueCapacity;

    /// <summary>Reserves the message's VM gauges and queues it; false (nothing reserved, nothing queued) when a VM
    /// gauge is full. The caller has checked <see cref="Fits"/>.</summary>
    public bool TryEnqueue(T message)
    {
        if (!_table.DatagramQueue.TryReserve())
        {
            return false;
        }

        if (!_table.BufferedBytes.TryReserve(message.Data.Length))
        {
            _table.DatagramQueue.Release();
            return false;
        }

        _messages.Enqueue(message);
        _bytes += message.Data.Length;
        return true;
    }

    /// <summary>The next message, left queued.</summary>
    public bool TryPeek(out T message) => _messages.TryPeek(out message);

    /// <summary>Takes the next message; its gauges stay held until <see cref="FinishReceive"/>.</summary>
    public T Dequeue()
    {
        var message = _messages.Dequeue();
        _bytes -= message.Data.Length;
        return message;
    }

    /// <summary>Moves every queued message to <paramref name="into"/>; their gauges stay held until
    /// <see cref="ReleaseGauges(List{T})"/>.</summary>
    public void Drain(List<T> into)
    {
        into.AddRange(_messages);
        _messages.Clear();
        _bytes = 0;
    }

    /// <summary>Adds the Unix sockets riding in the queued messages to <paramref name="into"/>.</summary>
    public void AddQueuedSockets(List<Socket> into)
    {
        foreach (var message in _messages)
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

    /// <summary>
    /// Finishes a receive after the owner has dropped its gate: the <paramref name="rights"/> taken from
    /// <paramref name="message"/> land (or, for a peek, are counted as peeked), up to the buffer's length is copied,
    /// and a dequeued message's gauges are returned. Returns the bytes copied.
    /// </summary>
    public int FinishReceive(in T message, FileDescription[]? rights, bool peek, Span<byte> buffer)
    {
        if (peek)
        {
            SocketRights.Peeked(_table, rights);
        }
        else
        {
            SocketRights.Land(_table, rights);
        }

        var copied = Math.Min(buffer.Length, message.Data.Length);
        message.Data.AsSpan(0, copied).CopyTo(buffer);
        if (!peek)
        {
            _table.DatagramQueue.Release();
            _table.ReleaseBytes(message.Data.Length);
        }

        return copied;
    }

    /// <summary>Returns the gauges of drained messages. Call without the owner's gate.</summary>
    public void ReleaseGauges(List<T> drained)
    {
        _table.DatagramQueue.Release(drained.Count);
        _table.ReleaseBytes(drained.Sum(m => (long)m.Data.Length));
    }

    /// <summary>The descriptions the messages carry.</summary>
    public static List<FileDescription> RightsOf(List<T> messages) => [.. messages.SelectMany(m => m.Rights ?? [])];
}
