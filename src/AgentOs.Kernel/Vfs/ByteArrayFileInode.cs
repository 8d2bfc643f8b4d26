namespace AgentOs.Kernel.Vfs;

/// <summary>A read-only regular file over fixed bytes (e.g. a /proc snapshot taken at open time). Uncharged.</summary>
internal sealed class ByteArrayFileInode : RegularFileInode
{
    private readonly byte[] _content;

    public ByteArrayFileInode(FileSystemInstance fileSystem, ulong ino, uint permissions, uint uid, uint gid, byte[] content)
        : base(fileSystem, ino, permissions, uid, gid)
    {
        _content = content;
    }

    /// <inheritdoc/>
    public override long Length => _content.Length;

    /// <inheritdoc/>
    public override int Read(long offset, Span<byte> destination)
    {
        if (offset >= _content.Length)
        {
            return 0;
        }

        var count = (int)Math.Min(destination.Length, _content.Length - offset);
        _content.AsSpan((int)offset, count).CopyTo(destination);
        return count;
    }
}
