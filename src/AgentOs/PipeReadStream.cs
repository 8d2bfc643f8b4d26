using AgentOs.Kernel.Ipc;

namespace AgentOs;

/// <summary>
/// The host's read end of a kernel pipe as a read-only <see cref="Stream"/>. Nothing is buffered on the host side:
/// bytes stay in the 64 KiB kernel pipe until read, so a host that stops reading blocks the guest writer.
/// Disposing closes the read end (a later guest write gets EPIPE).
/// </summary>
internal sealed class PipeReadStream : ReadOnlyAsyncStream
{
    private readonly PipeReadEnd _end;
    private int _disposed;

    public PipeReadStream(PipeReadEnd end)
    {
        _end = end;
    }

    public override bool CanRead => Volatile.Read(ref _disposed) == 0;

    /// <summary>Bytes waiting in the kernel pipe.</summary>
    internal int BufferedBytes => _end.Pipe.BufferedBytes;

    /// <summary>The pipe's capacity.</summary>
    internal int Capacity => _end.Pipe.Capacity;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return await _end.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _end.Close();
        }

        base.Dispose(disposing);
    }
}
