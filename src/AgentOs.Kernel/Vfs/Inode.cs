using AgentOs.Kernel.Fds;

namespace AgentOs.Kernel.Vfs;

/// <summary>
/// A file system object: identity (device, ino), type and permission bits, owner and times. Contents live in
/// subclasses. An inode dies when its last link and its last open description are gone; <see cref="Die"/> then
/// returns its bytes and its inode to the file system's budgets, exactly once.
/// </summary>
/// <remarks>
/// Mode, owner and times are written under <see cref="Sync"/> (a leaf lock, also guarding subclass contents) and
/// may be read without it. <see cref="LinkCount"/> and <see cref="OpenCount"/> are guarded by the VFS namespace lock.
/// </remarks>
internal abstract class Inode
{
    private uint _mode;
    private uint _uid;
    private uint _gid;
    private long _atimeNs;
    private long _mtimeNs;
    private long _ctimeNs;

    protected Inode(FileSystemInstance fileSystem, uint mode, uint uid, uint gid)
        : this(fileSystem, fileSystem.NextInodeNumber(), mode, uid, gid)
    {
    }

    /// <summary>Creates an inode with a given number (a snapshot standing in for another inode).</summary>
    protected Inode(FileSystemInstance fileSystem, ulong ino, uint mode, uint uid, uint gid)
    {
        FileSystem = fileSystem;
        Ino = ino;
        _mode = mode;
        _uid = uid;
        _gid = gid;
        _atimeNs = _mtimeNs = _ctimeNs = fileSystem.NowNs();
        Type = ModeBits.ToFileType(mode);
    }

    public FileSystemInstance FileSystem { get; }

    public ulong Ino { get; }

    /// <summary>The file type; fixed for the life of the inode.</summary>
    public FileType Type { get; }

    /// <summary>st_mode including the S_IFMT bits.</summary>
    public uint Mode => Volatile.Read(ref _mode);

    public uint Uid => Volatile.Read(ref _uid);

    public uint Gid => Volatile.Read(ref _gid);

    /// <summary>Directory entries naming this inode (for directories: 2 + subdirectories). Namespace lock.</summary>
    public int LinkCount { get; set; }

    /// <summary>Open descriptions and in-flight operations pinning this inode. Namespace lock.</summary>
    public int OpenCount { get; set; }

    /// <summary>Whether nothing refers to the inode any more (namespace lock held).</summary>
    public bool IsUnreferenced => LinkCount == 0 && OpenCount == 0;

    /// <summary>Whether the inode (and a symlink's target bytes) is paid for by its file system's budgets. False
    /// for nodes the kernel makes at setup (package command links), which the guest's budget never saw.</summary>
    public bool Charged { get; init; } = true;

    /// <summary>st_size.</summary>
    public virtual long Size => 0;

    /// <summary>st_rdev.</summary>
    public virtual ulong RDev => 0;

    /// <summary>Guards mode, owner, times and subclass contents. Never held while taking another lock.</summary>
    protected Lock Sync { get; } = new();

    public StatInfo Stat()
    {
        var size = Size;
        lock (Sync)
        {
            return new StatInfo(
                FileSystem.Device, Ino, _mode, (ulong)Math.Max(0, LinkCount), _uid, _gid, RDev, size, (size + 511) / 512,
                _atimeNs, _mtimeNs, _ctimeNs);
        }
    }

    /// <summary>chmod: replaces the permission bits (07777) and updates ctime.</summary>
    public void SetPermissions(uint permissions)
    {
        lock (Sync)
        {
            _mode = (_mode & ModeBits.TypeMask) | (permissions & ModeBits.PermissionMask);
            _ctimeNs = FileSystem.NowNs();
        }
    }

    /// <summary>chown: sets owner and group, optionally dropping set-id bits, and updates ctime.</summary>
    public void SetOwner(uint uid, uint gid, uint clearBits)
    {
        lock (Sync)
        {
            _uid = uid;
            _gid = gid;
            _mode &= ~clearBits;
            _ctimeNs = FileSystem.NowNs();
        }
    }

    /// <summary>utimensat: sets the given times (null leaves one unchanged); ctime becomes now.</summary>
    public void SetTimes(long? atimeNs, long? mtimeNs)
    {
        lock (Sync)
        {
            _atimeNs = atimeNs ?? _atimeNs;
            _mtimeNs = mtimeNs ?? _mtimeNs;
            _ctimeNs = FileSystem.NowNs();
        }
    }

    /// <summary>Sets atime, mtime and ctime alike, for a tree loaded from an archive (one time per entry).</summary>
    public void InitializeTimes(long timeNs)
    {
        lock (Sync)
        {
            _atimeNs = _mtimeNs = _ctimeNs = timeNs;
        }
    }

    /// <summary>Sets permission bits, owner and all three times at once, for a tree copied or loaded from a saved
    /// state (nothing else may see the inode yet).</summary>
    public void SetAttributes(uint permissions, uint uid, uint gid, long atimeNs, long mtimeNs, long ctimeNs)
    {
        lock (Sync)
        {
            _mode = (_mode & ModeBits.TypeMask) | (permissions & ModeBits.PermissionMask);
            _uid = uid;
            _gid = gid;
            _atimeNs = atimeNs;
            _mtimeNs = mtimeNs;
            _ctimeNs = ctimeNs;
        }
    }

    /// <summary>Gives this inode <paramref name="source"/>'s permission bits, owner and times.</summary>
    public void CopyAttributesFrom(Inode source)
    {
        var stat = source.Stat();
        SetAttributes(stat.Mode, stat.Uid, stat.Gid, stat.AccessTimeNs, stat.ModifyTimeNs, stat.ChangeTimeNs);
    }

    /// <summary>Contents were read.</summary>
    public void TouchAccess()
    {
        var now = FileSystem.NowNs();
        lock (Sync)
        {
            _atimeNs = now;
        }
    }

    /// <summary>Contents (or directory entries) changed: mtime and ctime.</summary>
    public void TouchModify()
    {
        var now = FileSystem.NowNs();
        lock (Sync)
        {
            _mtimeNs = _ctimeNs = now;
        }
    }

    /// <summary>Metadata (links, name) changed: ctime.</summary>
    public void TouchChange()
    {
        var now = FileSystem.NowNs();
        lock (Sync)
        {
            _ctimeNs = now;
        }
    }

    /// <summary>Called once, outside all locks, when the inode is unreferenced: frees contents and budgets.</summary>
    public void Die()
    {
        ReleaseStorage();
        if (Charged)
        {
            FileSystem.ReleaseInode();
        }
    }

    /// <summary>Subclasses free their contents and return their bytes to the budget.</summary>
    protected virtual void ReleaseStorage()
    {
    }

    /// <summary>Updates atime from a subclass already holding <see cref="Sync"/>.</summary>
    protected void MarkAccessedLocked(long nowNs) => _atimeNs = nowNs;

    /// <summary>Updates mtime/ctime from a subclass already holding <see cref="Sync"/>.</summary>
    protected void MarkModifiedLocked(long nowNs) => _mtimeNs = _ctimeNs = nowNs;
}
