namespace AgentOs.Kernel.Vfs;

/// <summary>One entry of the mount table: the tree <see cref="Root"/> shown at <see cref="Path"/> in place of
/// <see cref="Covered"/> (null for "/").</summary>
internal sealed class MountPoint
{
    private volatile bool _readOnly;

    public MountPoint(string path, DirectoryInode? covered, DirectoryInode root, bool readOnly, string source, string fsType, string options)
    {
        Path = path;
        Covered = covered;
        Root = root;
        _readOnly = readOnly;
        Source = source;
        FsType = fsType;
        Options = options;
    }

    public string Path { get; }

    public DirectoryInode? Covered { get; }

    public DirectoryInode Root { get; }

    /// <summary>Every mutation below a read-only mount fails with EROFS. Changed by remount.</summary>
    public bool ReadOnly
    {
        get => _readOnly;
        set => _readOnly = value;
    }

    public string Source { get; }

    public string FsType { get; }

    /// <summary>Options after "ro"/"rw" in /proc/mounts (e.g. "relatime"), may be empty.</summary>
    public string Options { get; }
}
