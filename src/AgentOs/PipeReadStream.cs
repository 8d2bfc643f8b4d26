using System.Buffers;
using AgentOs.Kernel.Ipc;

namespace AgentOs;

/// <summary>
/// The host's read end of a kernel pipe as a read-only <see cref="Stream"/>. Nothing is buffered on the host side:
/// bytes stay in the 64 KiB kernel pipe until read, so a host that stops reading blocks the guest writer.
/// Disposing closes the read end (a later guest write gets EPIPE).
/// </summary>
internal sealed class PipeReadStream : Stream
{
    private readonly PipeReadEnd _end;
    private int _disposed;

    public PipeReadStream(PipeReadEnd end)
    {
        _end = end;
    }

    public override bool CanRead => Volatile.Read(ref _disposed) == 0;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Bytes waiting in the kernel pipe.</summary>
    internal int BufferedBytes => _end.Pipe.BufferedBytes;

    /// <summary>The pipe's capacity.</summary>
    internal int Capacity => _end.Pipe.Capacity;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return await _end.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var scratch = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            var n = ReadAsync(scratch.AsMemory(0, buffer.Length)).AsTask().GetAwaiter().GetResult();
            scratch.AsSpan(0, n).CopyTo(buffer);
            return n;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _end.Close();
        }

        base.Dispose(disposing);
    }
}
