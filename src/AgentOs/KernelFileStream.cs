using AgentOs.Kernel;
using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Threading;
using AgentOs.Kernel.Vfs;

namespace AgentOs;

/// <summary>
/// An open file description of the VM's filesystem as a <see cref="Stream"/>: reads and writes go straight to the
/// inode (charged to <c>maxFilesystemBytes</c> as guest writes are), with no size ceiling of its own. The in-memory
/// filesystem never blocks, so the async methods complete synchronously.
/// </summary>
internal sealed class KernelFileStream : Stream
{
    // Large writes are split so that one call never asks the filesystem for more than this at once.
    private const int MaxWriteChunk = 1 << 20;

    private readonly FileDescription _file;
    private readonly AgentOsFileSystem _owner;
    private readonly string _path;
    private int _disposed;

    /// <summary>Takes a reference on <paramref name="file"/>; disposing drops it.</summary>
    public KernelFileStream(FileDescription file, AgentOsFileSystem owner, string path)
    {
        file.Retain();
        _file = file;
        _owner = owner;
        _path = path;
    }

    public override bool CanRead => !IsDisposed && _file.CanRead;

    public override bool CanWrite => !IsDisposed && _file.CanWrite;

    public override bool CanSeek => !IsDisposed && _file is RegularFileDescription;

    public override long Length
    {
        get
        {
            ThrowIfDisposed();
            Check(_file.Stat(out var stat), "fstat");
            return stat.Size;
        }
    }

    public override long Position
    {
        get => Seek(0, SeekOrigin.Current);
        set => Seek(value, SeekOrigin.Begin);
    }

    private bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ThrowIfDisposed();
        Check(_file.Read(buffer, WaitContext.Unbounded, out var read), "read");
        return read;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ThrowIfDisposed();
        while (!buffer.IsEmpty)
        {
            var chunk = buffer.Length > MaxWriteChunk ? buffer[..MaxWriteChunk] : buffer;
            Check(_file.Write(chunk, WaitContext.Unbounded, out var written), "write");
            if (written == 0)
            {
                Check(Errno.EIO, "write");
            }

            buffer = buffer[written..];
        }
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => ThrowIfDisposed();

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin)
    {
        ThrowIfDisposed();
        var whence = origin switch
        {
            SeekOrigin.Begin => SeekWhence.Set,
            SeekOrigin.Current => SeekWhence.Current,
            SeekOrigin.End => SeekWhence.End,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        Check(_file.Seek(offset, whence, out var position), "lseek");
        return position;
    }

    public override void SetLength(long value)
    {
        ThrowIfDisposed();
        Check(_file.Truncate(value), "ftruncate");
    }

    protected override void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _file.Release();
        }

        base.Dispose(disposing);
    }

    private void Check(Errno errno, string operation)
    {
        if (errno != Errno.Success)
        {
            throw _owner.Failure(errno, operation, _path);
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(IsDisposed, this);
}
