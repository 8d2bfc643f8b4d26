using AgentOs.Kernel.Fds;

namespace AgentOs.Kernel.Vfs;

/// <summary>An open directory: readdir by cookie, and the path it was opened at (for fchdir and *at calls).</summary>
internal sealed class DirectoryDescription : FileDescription
{
    private readonly VirtualFileSystem _fileSystem;
    private readonly DirectoryInode _directory;
    private long _position;

    public DirectoryDescription(VirtualFileSystem fileSystem, DirectoryInode directory, OpenFlags flags, string path)
        : base(flags)
    {
        _fileSystem = fileSystem;
        _directory = directory;
        Path = path;
    }

    /// <inheritdoc/>
    public override FileType FileType => FileType.Directory;

    /// <summary>The directory this description lists.</summary>
    public DirectoryInode Inode => _directory;

    /// <summary>The canonical absolute path the directory had when it was opened.</summary>
    public string Path { get; }

    /// <summary>The cookie of the description's own position (set by lseek(SEEK_SET), used by getdents-style
    /// callers that do not track cookies themselves).</summary>
    public long Position => Volatile.Read(ref _position);

    /// <summary>Appends up to <paramref name="maxEntries"/> entries starting at <paramref name="cookie"/> (0 = from
    /// the start: ".", "..", then entries in insertion order). A removed directory lists nothing.</summary>
    public Errno ReadDirectory(long cookie, int maxEntries, List<DirectoryEntry> entries)
    {
        if (cookie < 0 || maxEntries < 0)
        {
            return Errno.EINVAL;
        }

        _fileSystem.ReadDirectory(_directory, cookie, maxEntries, entries);
        return Errno.Success;
    }

    /// <inheritdoc/>
    public override Errno Seek(long offset, SeekWhence whence, out long position)
    {
        position = Position;
        if (whence != SeekWhence.Set || offset < 0)
        {
            return Errno.EINVAL;
        }

        Volatile.Write(ref _position, offset);
        position = offset;
        return Errno.Success;
    }

    /// <inheritdoc/>
    public override Errno Stat(out StatInfo stat)
    {
        stat = _directory.Stat();
        return Errno.Success;
    }

    /// <inheritdoc/>
    protected override void OnLastClose() => _fileSystem.Unpin(_directory);
}
