namespace AgentOs.Kernel.Vfs;

public sealed partial class VirtualFileSystem
{
    /// <summary>stat(2) (<paramref name="follow"/>) or lstat(2).</summary>
    public Errno Stat(in PathContext context, string path, bool follow, out StatInfo stat)
    {
        stat = default;
        lock (_namespace)
        {
            var result = Walk(context, path, follow, out var lookup);
            if (result != Errno.Success)
            {
                return result;
            }

            if (lookup.Node is null)
            {
                return Errno.ENOENT;
            }

            stat = lookup.Node.Stat();
            return Errno.Success;
        }
    }

    /// <summary>readlink(2): EINVAL when the path is not a symlink.</summary>
    public Errno ReadLink(in PathContext context, string path, out string target)
    {
        target = string.Empty;
        lock (_namespace)
        {
            var result = Walk(context, path, followFinal: false, out var lookup);
            if (result != Errno.Success)
            {
                return result;
            }

            switch (lookup.Node)
            {
                case null:
                    return Errno.ENOENT;
                case SymlinkInode link:
                    target = link.Target;
                    return Errno.Success;
                default:
                    return Errno.EINVAL;
            }
        }
    }

    /// <summary>chmod(2)/fchmodat: owner or root only (EPERM); a caller outside the file's group cannot set
    /// S_ISGID (silently dropped, as Linux does). Symlinks have no mode of their own (EOPNOTSUPP when not following).</summary>
    public Errno Chmod(in PathContext context, string path, uint mode, bool follow)
    {
        lock (_namespace)
        {
            var errno = FindNode(context, path, follow, out var node, out var readOnly);
            return errno != Errno.Success ? errno : ChmodNode(context, node, readOnly, mode);
        }
    }

    /// <summary>fchmod(2) on an open file's inode.</summary>
    internal Errno Chmod(in PathContext context, Inode node, uint mode)
    {
        lock (_namespace)
        {
            return ChmodNode(context, node, IsOnReadOnlyMount(node), mode);
        }
    }

    /// <summary>fchown(2) on an open file's inode.</summary>
    internal Errno Chown(in PathContext context, Inode node, uint uid, uint gid)
    {
        lock (_namespace)
        {
            return ChownNode(context, node, IsOnReadOnlyMount(node), uid, gid);
        }
    }

    /// <summary>futimens(2) on an open file's inode.</summary>
    internal Errno SetTimes(in PathContext context, Inode node, long? accessTimeNs, long? modifyTimeNs)
    {
        lock (_namespace)
        {
            return SetTimesNode(context, node, IsOnReadOnlyMount(node), accessTimeNs, modifyTimeNs);
        }
    }

    // Caller holds _namespace, so the walk and the change it guards see one namespace: the inode at path and
    // whether its mount is read-only.
    private Errno FindNode(in PathContext context, string path, bool follow, out Inode node, out bool readOnlyMount)
    {
        node = null!;
        readOnlyMount = false;
        var result = Walk(context, path, follow, out var lookup);
        if (result != Errno.Success)
        {
            return result;
        }

        if (lookup.Node is null)
        {
            return Errno.ENOENT;
        }

        node = lookup.Node;
        readOnlyMount = lookup.NodeMount.ReadOnly;
        return Errno.Success;
    }

    // Caller holds _namespace. An inode belongs to one filesystem instance; it is read-only when a read-only
    // mount shows that instance.
    private bool IsOnReadOnlyMount(Inode node) =>
        _mounts.Exists(mount => mount.ReadOnly && ReferenceEquals(mount.Root.FileSystem, node.FileSystem));

    private static Errno ChmodNode(in PathContext context, Inode node, bool readOnlyMount, uint mode)
    {
        if (node is SymlinkInode)
        {
            return Errno.EOPNOTSUPP;
        }

        if (readOnlyMount)
        {
            return Errno.EROFS;
        }

        var credentials = context.Credentials;
        if (!Permissions.IsOwnerOrRoot(credentials, node))
        {
            return Errno.EPERM;
        }

        var permissions = mode & ModeBits.PermissionMask;
        if (!credentials.IsRoot && !credentials.InGroup(node.Gid))
        {
            permissions &= ~ModeBits.SetGid;
        }

        node.SetPermissions(permissions);
        return Errno.Success;
    }

    /// <summary>chown(2)/lchown(2); <see cref="uint.MaxValue"/> leaves an id unchanged. Only root changes the owner;
    /// the owner may set the group to one of its own groups (EPERM otherwise). Non-directories lose S_ISUID (and
    /// S_ISGID when group-executable).</summary>
    public Errno Chown(in PathContext context, string path, uint uid, uint gid, bool follow)
    {
        lock (_namespace)
        {
            var errno = FindNode(context, path, follow, out var node, out var readOnly);
            return errno != Errno.Success ? errno : ChownNode(context, node, readOnly, uid, gid);
        }
    }

    private static Errno ChownNode(in PathContext context, Inode node, bool readOnlyMount, uint uid, uint gid)
    {
        if (readOnlyMount)
        {
            return Errno.EROFS;
        }

        var credentials = context.Credentials;
        if (!credentials.IsRoot)
        {
            var owner = credentials.EffectiveUid == node.Uid;
            if ((uid != uint.MaxValue && !(owner && uid == node.Uid))
                || (gid != uint.MaxValue && !(owner && (gid == node.Gid || credentials.InGroup(gid)))))
            {
                return Errno.EPERM;
            }
        }

        var clear = 0u;
        if (node is not DirectoryInode && (uid != uint.MaxValue || gid != uint.MaxValue))
        {
            clear = ModeBits.SetUid | ((node.Mode & 0x8) != 0 ? ModeBits.SetGid : 0);
        }

        node.SetOwner(uid == uint.MaxValue ? node.Uid : uid, gid == uint.MaxValue ? node.Gid : gid, clear);
        return Errno.Success;
    }

    /// <summary>utimensat(2): null leaves a time unchanged, <see cref="TimeNow"/> sets it to now. Explicit times need
    /// the owner or root (EPERM); "now" also suffices with write permission (EACCES otherwise).</summary>
    public Errno SetTimes(in PathContext context, string path, long? accessTimeNs, long? modifyTimeNs, bool follow)
    {
        lock (_namespace)
        {
            var errno = FindNode(context, path, follow, out var node, out var readOnly);
            return errno != Errno.Success ? errno : SetTimesNode(context, node, readOnly, accessTimeNs, modifyTimeNs);
        }
    }

    private Errno SetTimesNode(in PathContext context, Inode node, bool readOnlyMount, long? accessTimeNs, long? modifyTimeNs)
    {
        if (accessTimeNs is null && modifyTimeNs is null)
        {
            return Errno.Success;
        }

        if (readOnlyMount)
        {
            return Errno.EROFS;
        }

        var credentials = context.Credentials;
        if (!Permissions.IsOwnerOrRoot(credentials, node))
        {
            if (accessTimeNs is not (null or TimeNow) || modifyTimeNs is not (null or TimeNow))
            {
                return Errno.EPERM;
            }

            if (!Permissions.Allows(credentials, node, Permissions.Write))
            {
                return Errno.EACCES;
            }
        }

        var now = _rootFileSystem.NowNs();
        node.SetTimes(accessTimeNs == TimeNow ? now : accessTimeNs, modifyTimeNs == TimeNow ? now : modifyTimeNs);
        return Errno.Success;
    }

    /// <summary>truncate(2): EISDIR, EINVAL (negative length or not a regular file), EACCES, EROFS, ENOSPC when the
    /// growth does not fit the byte budget (the file is left unchanged).</summary>
    public Errno Truncate(in PathContext context, string path, long length)
    {
        if (length < 0)
        {
            return Errno.EINVAL;
        }

        RegularFileInode file;
        lock (_namespace)
        {
            var result = Walk(context, path, followFinal: true, out var lookup);
            if (result != Errno.Success)
            {
                return result;
            }

            switch (lookup.Node)
            {
                case null:
                    return Errno.ENOENT;
                case DirectoryInode:
                    return Errno.EISDIR;
                case RegularFileInode regular:
                    file = regular;
                    break;
                default:
                    return Errno.EINVAL;
            }

            if (lookup.NodeMount.ReadOnly || !file.IsWritable)
            {
                return Errno.EROFS;
            }

            if (!Permissions.Allows(context.Credentials, file, Permissions.Write))
            {
                return Errno.EACCES;
            }

            file.OpenCount++;
        }

        try
        {
            return file.SetLength(length);
        }
        finally
        {
            Unpin(file);
        }
    }

    /// <summary>access(2)/faccessat: checks R=4/W=2/X=1 (F_OK=0: existence) with the real uid and gid. EROFS for W
    /// on a read-only mount.</summary>
    public Errno Access(in PathContext context, string path, int mode)
    {
        if ((mode & ~7) != 0)
        {
            return Errno.EINVAL;
        }

        var real = context.Credentials with { EffectiveUid = context.Credentials.Uid, EffectiveGid = context.Credentials.Gid };
        lock (_namespace)
        {
            var result = Walk(real, context.WorkingDirectory, path, followFinal: true, out var lookup);
            if (result != Errno.Success)
            {
                return result;
            }

            var node = lookup.Node;
            if (node is null)
            {
                return Errno.ENOENT;
            }

            if ((mode & Permissions.Write) != 0 && node is not (DeviceInode or FifoInode) && lookup.NodeMount.ReadOnly)
            {
                return Errno.EROFS;
            }

            return mode == 0 || Permissions.Allows(real, node, mode) ? Errno.Success : Errno.EACCES;
        }
    }

    /// <summary>statfs(2) of the file system holding <paramref name="path"/>: for the root tree the byte and inode
    /// budgets (total = cap, used = current).</summary>
    public Errno StatFs(in PathContext context, string path, out StatFsInfo info)
    {
        info = default;
        lock (_namespace)
        {
            var result = Walk(context, path, followFinal: true, out var lookup);
            if (result != Errno.Success)
            {
                return result;
            }

            if (lookup.Node is null)
            {
                return Errno.ENOENT;
            }

            info = lookup.Node.FileSystem.StatFs();
            return Errno.Success;
        }
    }

    /// <summary>chdir(2): the canonical absolute path of a searchable directory. ENOENT, ENOTDIR, EACCES.</summary>
    public Errno ResolveDirectory(in PathContext context, string path, out string canonicalPath)
    {
        canonicalPath = string.Empty;
        lock (_namespace)
        {
            var result = Walk(context, path, followFinal: true, out var lookup);
            if (result != Errno.Success)
            {
                return result;
            }

            if (lookup.Node is null)
            {
                return Errno.ENOENT;
            }

            if (lookup.Node is not DirectoryInode)
            {
                return Errno.ENOTDIR;
            }

            if (!Permissions.Allows(context.Credentials, lookup.Node, Permissions.Execute))
            {
                return Errno.EACCES;
            }

            canonicalPath = lookup.CanonicalPath();
            return Errno.Success;
        }
    }
}
