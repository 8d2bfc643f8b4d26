using System.Text;
using AgentOs.Kernel.Processes;

namespace AgentOs.Kernel.Vfs;

public sealed partial class VirtualFileSystem
{
    /// <summary>mkdir(2): mode &amp; (0777|S_ISVTX) minus the umask; a set-group-ID parent passes on its group and
    /// the S_ISGID bit. EEXIST (anything there, even a dangling symlink), ENOENT, ENOTDIR, EACCES, EROFS, ENOSPC.</summary>
    public Errno Mkdir(in PathContext context, string path, uint mode)
    {
        var permissions = mode & 0x3FF & ~context.Umask;
        return CreateNode(context, path, allowTrailingSlash: true, chargedBytes: 0, (fileSystem, uid, gid, parent) =>
        {
            var inherited = parent.Mode & ModeBits.SetGid;
            return new DirectoryInode(fileSystem, permissions | inherited, uid, gid);
        });
    }

    /// <summary>symlink(2): creates <paramref name="linkPath"/> pointing at <paramref name="target"/> (not resolved).
    /// The target's bytes are charged to the byte budget.</summary>
    public Errno Symlink(in PathContext context, string target, string linkPath)
    {
        if (target.Length == 0)
        {
            return Errno.ENOENT;
        }

        var bytes = Encoding.UTF8.GetByteCount(target);
        if (bytes >= PathMax)
        {
            return Errno.ENAMETOOLONG;
        }

        return CreateNode(context, linkPath, allowTrailingSlash: false, bytes, (fileSystem, uid, gid, _) => new SymlinkInode(fileSystem, target, uid, gid));
    }

    /// <summary>mknod(2) for the kernel's character devices; root only (CAP_MKNOD), else EPERM.</summary>
    internal Errno MakeCharDevice(in PathContext context, string path, CharDevice device, uint mode)
    {
        if (!context.Credentials.IsRoot)
        {
            return Errno.EPERM;
        }

        var permissions = mode & ModeBits.PermissionMask & ~context.Umask;
        return CreateNode(context, path, allowTrailingSlash: false, chargedBytes: 0, (fileSystem, uid, gid, _) => new DeviceInode(fileSystem, device, permissions, uid, gid));
    }

    /// <summary>mkfifo(3)/mknod(2) with S_IFIFO: a named pipe with <paramref name="mode"/>'s permissions less the umask.</summary>
    public Errno MakeFifo(in PathContext context, string path, uint mode)
    {
        var permissions = mode & ModeBits.PermissionMask & ~context.Umask;
        return CreateNode(context, path, allowTrailingSlash: false, chargedBytes: 0, (fileSystem, uid, gid, _) => new FifoInode(fileSystem, permissions, uid, gid));
    }

    /// <summary>link(2): a new name for an existing non-directory (the final symlink is not followed).
    /// EPERM for a directory, EEXIST, EXDEV across mounts, EROFS, EACCES.</summary>
    public Errno Link(in PathContext context, string oldPath, string newPath)
    {
        lock (_namespace)
        {
            var result = Walk(context, oldPath, followFinal: false, out var from);
            if (result != Errno.Success)
            {
                return result;
            }

            result = Walk(context, newPath, followFinal: false, out var to);
            if (result != Errno.Success)
            {
                return result;
            }

            var node = from.Node;
            if (node is null)
            {
                return Errno.ENOENT;
            }

            if (node is DirectoryInode)
            {
                return Errno.EPERM;
            }

            if (to.IsSpecial || to.Node is not null)
            {
                return Errno.EEXIST;
            }

            if (to.TrailingSlash)
            {
                return Errno.ENOENT;
            }

            if (!ReferenceEquals(from.NodeMount, to.ParentMount))
            {
                return Errno.EXDEV;
            }

            result = CheckCreate(context.Credentials, to);
            if (result != Errno.Success)
            {
                return result;
            }

            var parent = to.Parent!;
            parent.Link(to.Name, node);
            node.TouchChange();
            parent.TouchModify();
            return Errno.Success;
        }
    }

    /// <summary>unlink(2): removes a non-directory's name; its data lives on while a description holds it.
    /// EISDIR for a directory, ENOENT, EACCES, EPERM (sticky directory), EROFS, EBUSY.</summary>
    public Errno Unlink(in PathContext context, string path)
    {
        Inode node;
        lock (_namespace)
        {
            var result = Walk(context, path, followFinal: false, out var lookup);
            if (result != Errno.Success)
            {
                return result;
            }

            if (lookup.IsSpecial || lookup.Node is DirectoryInode)
            {
                return Errno.EISDIR;
            }

            if (lookup.Node is null)
            {
                return Errno.ENOENT;
            }

            result = CheckRemove(context.Credentials, lookup);
            if (result != Errno.Success)
            {
                return result;
            }

            var parent = lookup.Parent!;
            node = parent.Unlink(lookup.Name);
            node.TouchChange();
            parent.TouchModify();
            if (!node.IsUnreferenced)
            {
                return Errno.Success;
            }
        }

        node.Die();
        return Errno.Success;
    }

    /// <summary>rmdir(2): ENOTDIR, ENOTEMPTY (also for ".."), EINVAL for ".", EBUSY for "/" and mount points,
    /// EACCES, EPERM (sticky), EROFS.</summary>
    public Errno Rmdir(in PathContext context, string path)
    {
        DirectoryInode directory;
        lock (_namespace)
        {
            var result = Walk(context, path, followFinal: false, out var lookup);
            if (result != Errno.Success)
            {
                return result;
            }

            if (lookup.IsSpecial)
            {
                return lookup.Name switch
                {
                    "." => Errno.EINVAL,
                    ".." => Errno.ENOTEMPTY,
                    _ => Errno.EBUSY,
                };
            }

            if (lookup.Node is null)
            {
                return Errno.ENOENT;
            }

            if (lookup.Node is not DirectoryInode found)
            {
                return Errno.ENOTDIR;
            }

            if (lookup.NodeIsMountRoot)
            {
                return Errno.EBUSY;
            }

            result = CheckRemove(context.Credentials, lookup);
            if (result != Errno.Success)
            {
                return result;
            }

            if (found.Count > 0)
            {
                return Errno.ENOTEMPTY;
            }

            directory = found;
            var parent = lookup.Parent!;
            parent.Unlink(lookup.Name);
            directory.LinkCount--; // its "." goes with it
            directory.TouchChange();
            parent.TouchModify();
            if (!directory.IsUnreferenced)
            {
                return Errno.Success;
            }
        }

        directory.Die();
        return Errno.Success;
    }

    /// <summary>
    /// rename(2), atomically: replaces an existing non-directory or empty directory target; same inode → no-op.
    /// ENOENT, EXDEV (different mounts), EBUSY ("/", ".", "..", mount points, a directory holding a mount point),
    /// EROFS, EACCES, EPERM (sticky), ENOTDIR (directory over non-directory), EISDIR (non-directory over directory),
    /// ENOTEMPTY, EINVAL (a directory into its own subtree).
    /// </summary>
    public Errno Rename(in PathContext context, string oldPath, string newPath)
    {
        Inode? replaced;
        lock (_namespace)
        {
            var result = Walk(context, oldPath, followFinal: false, out var from);
            if (result != Errno.Success)
            {
                return result;
            }

            result = Walk(context, newPath, followFinal: false, out var to);
            if (result != Errno.Success)
            {
                return result;
            }

            result = RenameLocked(context.Credentials, from, to, out replaced);
            if (result != Errno.Success || replaced is null || !replaced.IsUnreferenced)
            {
                return result;
            }
        }

        replaced.Die();
        return Errno.Success;
    }

    private Errno RenameLocked(Credentials credentials, in PathLookup from, in PathLookup to, out Inode? replaced)
    {
        replaced = null;
        if (from.Node is null)
        {
            return Errno.ENOENT;
        }

        if (!ReferenceEquals(from.ParentMount, to.ParentMount))
        {
            return Errno.EXDEV;
        }

        if (from.IsSpecial || to.IsSpecial)
        {
            return Errno.EBUSY;
        }

        if (from.ParentMount.ReadOnly)
        {
            return Errno.EROFS;
        }

        var node = from.Node;
        var target = to.Node;
        if (ReferenceEquals(node, target))
        {
            return Errno.Success;
        }

        if (from.NodeIsMountRoot || to.NodeIsMountRoot)
        {
            return Errno.EBUSY;
        }

        var oldParent = from.Parent!;
        var newParent = to.Parent!;
        var searchWrite = Permissions.Write | Permissions.Execute;
        if (!Permissions.Allows(credentials, oldParent, searchWrite) || !Permissions.Allows(credentials, newParent, searchWrite))
        {
            return Errno.EACCES;
        }

        if (!Permissions.MayRemoveFrom(credentials, oldParent, node)
            || (target is not null && !Permissions.MayRemoveFrom(credentials, newParent, target)))
        {
            return Errno.EPERM;
        }

        if (node is DirectoryInode directory)
        {
            if (target is not null and not DirectoryInode)
            {
                return Errno.ENOTDIR;
            }

            if (to.Frames.Exists(frame => ReferenceEquals(frame.Directory, directory)))
            {
                return Errno.EINVAL;
            }

            if (target is DirectoryInode { Count: > 0 })
            {
                return Errno.ENOTEMPTY;
            }

            // Moving a directory rewrites its ".." entry.
            if (!ReferenceEquals(oldParent, newParent) && !Permissions.Allows(credentials, directory, Permissions.Write))
            {
                return Errno.EACCES;
            }

            if (HasMountBelow(directory))
            {
                return Errno.EBUSY;
            }
        }
        else if (target is DirectoryInode)
        {
            return Errno.EISDIR;
        }
        else if (to.TrailingSlash)
        {
            return Errno.ENOTDIR;
        }

        if (target is not null)
        {
            newParent.Unlink(to.Name);
            if (target is DirectoryInode)
            {
                target.LinkCount--;
            }

            target.TouchChange();
            replaced = target;
        }

        oldParent.Unlink(from.Name);
        newParent.Link(to.Name, node);
        node.TouchChange();
        oldParent.TouchModify();
        newParent.TouchModify();
        return Errno.Success;
    }

    /// <summary>Creates one new node at <paramref name="path"/>, reserving its inode (and bytes) first.</summary>
    private Errno CreateNode(
        in PathContext context,
        string path,
        bool allowTrailingSlash,
        long chargedBytes,
        Func<FileSystemInstance, uint, uint, DirectoryInode, Inode> factory)
    {
        using var reservation = new InodeReservation();
        var credentials = context.Credentials;
        while (true)
        {
            FileSystemInstance needed;
            lock (_namespace)
            {
                var result = Walk(context, path, followFinal: false, out var lookup);
                if (result != Errno.Success)
                {
                    return result;
                }

                if (lookup.IsSpecial || lookup.Node is not null)
                {
                    return Errno.EEXIST;
                }

                if (lookup.TrailingSlash && !allowTrailingSlash)
                {
                    return Errno.ENOENT;
                }

                result = CheckCreate(credentials, lookup);
                if (result != Errno.Success)
                {
                    return result;
                }

                var parent = lookup.Parent!;
                needed = parent.FileSystem;
                if (reservation.Covers(needed, chargedBytes))
                {
                    var node = factory(needed, credentials.EffectiveUid, Permissions.GroupForNewInode(credentials, parent), parent);
                    reservation.Consume();
                    parent.Link(lookup.Name, node);
                    parent.TouchModify();
                    return Errno.Success;
                }
            }

            var reserved = reservation.Acquire(needed, chargedBytes);
            if (reserved != Errno.Success)
            {
                return reserved;
            }
        }
    }
}
