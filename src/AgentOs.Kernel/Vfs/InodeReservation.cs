namespace AgentOs.Kernel.Vfs;

/// <summary>
/// Budget (one inode plus optional bytes) taken for a node about to be created. It is reserved outside the
/// namespace lock — a near-capacity warning must not run under it — and the caller retries its locked step once it
/// holds a reservation for the right file system. Disposing returns anything not consumed.
/// </summary>
internal sealed class InodeReservation : IDisposable
{
    private FileSystemInstance? _fileSystem;
    private long _bytes;

    /// <summary>Whether creating a node charging <paramref name="bytes"/> on <paramref name="fileSystem"/> is paid for.</summary>
    public bool Covers(FileSystemInstance fileSystem, long bytes) =>
        (fileSystem.Inodes is null && fileSystem.Bytes is null)
        || (ReferenceEquals(_fileSystem, fileSystem) && _bytes == bytes);

    /// <summary>Reserves one inode and <paramref name="bytes"/> (returning any earlier reservation); ENOSPC, with
    /// nothing held, when either budget is exhausted.</summary>
    public Errno Acquire(FileSystemInstance fileSystem, long bytes)
    {
        Dispose();
        if (!fileSystem.TryReserveInode())
        {
            return Errno.ENOSPC;
        }

        if (!fileSystem.TryReserveBytes(bytes))
        {
            fileSystem.ReleaseInode();
            return Errno.ENOSPC;
        }

        _fileSystem = fileSystem;
        _bytes = bytes;
        return Errno.Success;
    }

    /// <summary>The node was created: its inode now owns the reservation.</summary>
    public void Consume()
    {
        _fileSystem = null;
        _bytes = 0;
    }

    public void Dispose()
    {
        if (_fileSystem is { } fileSystem)
        {
            fileSystem.ReleaseBytes(_bytes);
            fileSystem.ReleaseInode();
        }

        Consume();
    }
}
