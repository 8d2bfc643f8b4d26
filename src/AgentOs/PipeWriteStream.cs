using AgentOs.Kernel;
using AgentOs.Kernel.Ipc;

namespace AgentOs;

/// <summary>
/// The host's write end of a kernel pipe (a process's stdin) as a write-only <see cref="Stream"/>. Writes wait for
/// room in the 64 KiB pipe (backpressure, no host-side buffer). Disposing closes the end: the guest reads EOF.
/// </summary>
internal sealed class PipeWriteStream : Stream
{
    private readonly PipeWriteEnd _end;
    private int _disposed;

    public PipeWriteStream(PipeWriteEnd end)
    {
        _end = end;
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => Volatile.Read(ref _disposed) == 0;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var written = await _end.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (written < buffer.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new IOException($"{Errno.EPIPE}: broken pipe: the process no longer reads its stdin ({written} of {buffer.Length} bytes written).");
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer) => WriteAsync(buffer.ToArray()).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _end.Close();
        }

        base.Dispose(disposing);
    }
}
