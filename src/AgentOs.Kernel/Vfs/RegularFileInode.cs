namespace AgentOs.Kernel.Vfs;

/// <summary>
/// A regular file's data accessor. Read-only sources (e.g. a package file served from <c>.aospkg</c> ranges)
/// subclass this overriding <see cref="Length"/> and <see cref="Read"/>; writable storage also overrides
/// <see cref="IsWritable"/>, <see cref="Write"/> and <see cref="SetLength"/>.
/// </summary>
internal abstract class RegularFileInode : Inode
{
    protected RegularFileInode(FileSystemInstance fileSystem, uint permissions, uint uid, uint gid)
        : base(fileSystem, ModeBits.Regular | (permissions & ModeBits.PermissionMask), uid, gid)
    {
    }

    protected RegularFileInode(FileSystemInstance fileSystem, ulong ino, uint permissions, uint uid, uint gid)
        : base(fileSystem, ino, ModeBits.Regular | (permissions & ModeBits.PermissionMask), uid, gid)
    {
    }

    /// <summary>The file's size in bytes.</summary>
    public abstract long Length { get; }

    /// <inheritdoc/>
    public override long Size => Length;

    /// <summary>Whether contents can change (false: opening for write or truncating fails with EROFS).</summary>
    public virtual bool IsWritable => false;

    /// <summary>A stable name for immutable contents (e.g. "&lt;package sha256&gt;:&lt;entry path&gt;"), so caches
    /// keyed by content can skip reading and hashing the bytes; null when contents may change.</summary>
    public virtual string? ContentKey => null;

    /// <summary>Copies bytes at <paramref name="offset"/> into <paramref name="destination"/>; 0 at or past EOF;
    /// holes read as zeros. Thread-safe.</summary>
    public abstract int Read(long offset, Span<byte> destination);

    /// <summary><see cref="Read"/> for sources that can fail (a package whose host file changed: EIO). Descriptions
    /// read through this so the guest sees the error.</summary>
    public virtual Errno TryRead(long offset, Span<byte> destination, out int read)
    {
        read = Read(offset, destination);
        return Errno.Success;
    }

    /// <summary>Writes at <paramref name="offset"/>, or at the end when <paramref name="append"/> (atomically).
    /// Growth is reserved on the byte budget first: no room at all → ENOSPC with nothing changed; some room → a
    /// short write. <paramref name="end"/> is the offset after the last byte written.</summary>
    public virtual Errno Write(long offset, bool append, ReadOnlySpan<byte> source, out int written, out long end)
    {
        written = 0;
        end = offset;
        return Errno.EROFS;
    }

    /// <summary>truncate: growth is reserved first (ENOSPC leaves the file unchanged); shrinking frees at once.</summary>
    public virtual Errno SetLength(long length) => Errno.EROFS;
}
