namespace AgentOs.Kernel.Net;

/// <summary>A FIFO of bytes that grows on demand up to a fixed capacity. Not thread-safe: the owner locks.</summary>
internal sealed class ByteRing(int capacity)
{
    private byte[] _buffer = [];
    private int _head;

    /// <summary>The most bytes the ring holds.</summary>
    public int Capacity { get; } = capacity;

    /// <summary>Bytes queued.</summary>
    public int Count { get; private set; }

    /// <summary>Room left.</summary>
    public int Free => Capacity - Count;

    /// <summary>Appends all of <paramref name="source"/>; the caller has checked <see cref="Free"/>.</summary>
    public void Write(ReadOnlySpan<byte> source)
    {
        if (Count + source.Length > _buffer.Length)
        {
            Grow(Count + source.Length);
        }

        var tail = (_head + Count) % _buffer.Length;
        var first = Math.Min(source.Length, _buffer.Length - tail);
        source[..first].CopyTo(_buffer.AsSpan(tail));
        source[first..].CopyTo(_buffer);
        Count += source.Length;
    }

    /// <summary>Copies up to <paramref name="destination"/>'s length from the front; consumes them unless peeking.</summary>
    public int Read(Span<byte> destination, bool peek)
    {
        var n = Math.Min(destination.Length, Count);
        if (n == 0)
        {
            return 0;
        }

        var first = Math.Min(n, _buffer.Length - _head);
        _buffer.AsSpan(_head, first).CopyTo(destination);
        _buffer.AsSpan(0, n - first).CopyTo(destination[first..]);
        if (!peek)
        {
            _head = (_head + n) % _buffer.Length;
            Count -= n;
        }

        return n;
    }

    /// <summary>Drops everything; returns how many bytes were queued.</summary>
    public int Clear()
    {
        var dropped = Count;
        _buffer = [];
        _head = Count = 0;
        return dropped;
    }

    private void Grow(int needed)
    {
        var size = Math.Max(4096, _buffer.Length);
        while (size < needed)
        {
            size *= 2;
        }

        var next = new byte[Math.Min(size, Capacity)];
        Read(next.AsSpan(0, Count), peek: true);
        _buffer = next;
        _head = 0;
    }
}
