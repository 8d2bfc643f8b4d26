using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Threading;

namespace AgentOs.Kernel.Vfs;

/// <summary>
/// An open regular file: a shared offset over a <see cref="RegularFileInode"/>. The description pins the inode, so
/// an unlinked file stays readable and writable until the last close.
/// </summary>
/// <remarks>Lock order: <c>_positionLock</c> → the inode's lock. A write holds the position lock while the inode
/// reserves bytes, so concurrent writers through one description never interleave their offsets.</remarks>
internal sealed class RegularFileDescription : FileDescription
{
    private readonly VirtualFileSystem _fileSystem;
    private readonly RegularFileInode _inode;
    private readonly Lock _positionLock = new();
    private long _position;

    public RegularFileDescription(VirtualFileSystem fileSystem, RegularFileInode inode, OpenFlags flags)
        : base(flags)
    {
        _fileSystem = fileSystem;
        _inode = inode;
    }

    /// <inheritdoc/>
    public override FileType FileType => FileType.RegularFile;

    public RegularFileInode Inode => _inode;

    private bool IsAppend => (StatusFlags & OpenFlags.Append) != 0;

    /// <inheritdoc/>
    public override Errno Seek(long offset, SeekWhence whence, out long position)
    {
        lock (_positionLock)
        {
            var origin = whence switch
            {
                SeekWhence.Set => 0,
                SeekWhence.Current => _position,
                SeekWhence.End => _inode.Length,
                _ => -1,
            };
            position = _position;
            if (origin < 0)
            {
                return Errno.EINVAL;
            }

            var target = origin + offset;
            if ((offset > 0 && target < origin) || target < 0)
            {
                return offset > 0 ? Errno.EOVERFLOW : Errno.EINVAL;
            }

            _position = position = target;
            return Errno.Success;
        }
    }

    /// <inheritdoc/>
    public override Errno Stat(out StatInfo stat)
    {
        stat = _inode.Stat();
        return Errno.Success;
    }

    /// <inheritdoc/>
    public override Errno Truncate(long length)
    {
        if (length < 0 || !CanWrite)
        {
            return Errno.EINVAL;
        }

        return _inode.SetLength(length);
    }

    /// <inheritdoc/>
    protected override Errno ReadCore(Span<byte> buffer, in WaitContext wait, out int read)
    {
        lock (_positionLock)
        {
            var result = _inode.TryRead(_position, buffer, out read);
            _position += read;
            return result;
        }
    }

    /// <inheritdoc/>
    protected override Errno WriteCore(ReadOnlySpan<byte> buffer, in WaitContext wait, out int written)
    {
        lock (_positionLock)
        {
            var result = _inode.Write(_position, IsAppend, buffer, out written, out var end);
            if (result == Errno.Success)
            {
                _position = end;
            }

            return result;
        }
    }

    /// <inheritdoc/>
    protected override Errno PReadCore(Span<byte> buffer, long offset, out int read) =>
        _inode.TryRead(offset, buffer, out read);

    /// <inheritdoc/>
    /// <remarks>As on Linux, pwrite on an O_APPEND description appends.</remarks>
    protected override Errno PWriteCore(ReadOnlySpan<byte> buffer, long offset, out int written) =>
        _inode.Write(offset, IsAppend, buffer, out written, out _);

    /// <inheritdoc/>
    protected override void OnLastClose() => _fileSystem.Unpin(_inode);
}
