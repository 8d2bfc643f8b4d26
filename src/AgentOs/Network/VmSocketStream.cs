using AgentOs.Kernel;
using AgentOs.Kernel.Net;

namespace AgentOs.Network;

/// <summary>
/// The host's end of a TCP connection to a guest listener as a <see cref="Stream"/>. Nothing is buffered on the
/// host side; async reads and writes await kernel readiness without holding a thread. Disposing closes the
/// connection (the guest reads EOF) and returns its socket units.
/// </summary>
internal sealed class VmSocketStream : Stream
{
    private readonly HostSocket _socket;
    private readonly int _port;
    private int _disposed;

    public VmSocketStream(HostSocket socket, int port)
    {
        _socket = socket;
        _port = port;
    }

    public override bool CanRead => Volatile.Read(ref _disposed) == 0;

    public override bool CanSeek => false;

    public override bool CanWrite => Volatile.Read(ref _disposed) == 0;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Half-closes: the guest reads EOF after what was written; reading goes on.</summary>
    public void ShutdownWrite()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        _socket.ShutdownWrite();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var (errno, received) = await _socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
        return errno switch
        {
            Errno.Success => received,
            _ when Volatile.Read(ref _disposed) != 0 => throw new ObjectDisposedException(nameof(VmSocketStream)),
            _ => throw new AgentOsNetworkException(errno, "read", _port),
        };
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var errno = await _socket.SendAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (errno != Errno.Success)
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            throw new AgentOsNetworkException(errno, "write", _port);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _socket.Dispose();
        }

        base.Dispose(disposing);
    }
}
