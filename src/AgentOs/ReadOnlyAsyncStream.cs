using System.Buffers;

namespace AgentOs;

/// <summary>
/// A read-only, non-seekable <see cref="Stream"/> that reads asynchronously (a pipe's read end, a terminal's master,
/// the filters a VM state is read through): subclasses supply <see cref="ReadAsync(Memory{byte}, CancellationToken)"/>;
/// synchronous reads wait on it, and everything else is refused.
/// </summary>
internal abstract class ReadOnlyAsyncStream : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public abstract override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default);

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

    /// <summary>Reads whatever is left and drops it.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 << 10);
        try
        {
            while (await ReadAsync(buffer, cancellationToken).ConfigureAwait(false) > 0)
            {
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
