using System.Buffers;
using AgentOs.Kernel.Ipc;

namespace AgentOs;

/// <summary>
/// The output of a terminal (what its programs wrote, after output processing) as a read-only <see cref="Stream"/>.
/// Nothing is buffered on the host: while nobody reads, the terminal's bounded buffer fills and the writing guest
/// blocks. Reads return 0 once every program closed the terminal and everything was read.
/// </summary>
internal sealed class TerminalOutputStream : Stream
{
    private readonly PtyMaster _master;

    public TerminalOutputStream(PtyMaster master)
    {
        _master = master;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _master.ReadAsync(buffer, cancellationToken);

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
