using System.Buffers;

namespace AgentOs;

/// <summary>
/// A read-only, non-seekable <see cref="Stream"/> over a kernel object that reads asynchronously (a pipe's read end,
/// a terminal's master): subclasses supply <see cref="ReadAsync(Memory{byte}, CancellationToken)"/>; synchronous reads
/// wait on it, and everything else is refused.
/// </summary>
internal abstract class ReadOnlyKernelStream : Stream
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

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
