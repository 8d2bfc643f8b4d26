using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Processes;

namespace AgentOs.Kernel.Vfs;

public sealed partial class VirtualFileSystem
{
    /// <summary>
    /// open(2)/openat(2). <paramref name="mode"/> is the creation mode before the umask. On success the caller owns
    /// the new description (References 0): install it in an fd table, or close it with Retain()+Release().
    /// </summary>
    /// <remarks>ENOENT, ENOTDIR, EISDIR (directory opened for writing, O_CREAT on a directory, "name/" to create),
    /// EEXIST (O_CREAT|O_EXCL, which never follows a final symlink), ENXIO (a socket node), ELOOP (O_NOFOLLOW on a symlink), EACCES, EROFS,
    /// ENOSPC (inode budget on create). O_TRUNC truncates after the permission checks.</remarks>
    public Errno Open(in PathContext context, string path, OpenFlags flags, uint mode, out FileDescription description)
    {
        description = null!;
        if ((flags & OpenFlags.AccessModeMask) == OpenFlags.AccessModeMask)
        {
            return Errno.EINVAL;
        }

        var truncate = (flags & OpenFlags.Truncate) != 0;
        using var reservation = new InodeReservation();
        FileDescription? opened;
        while (true)
        {
            FileSystemInstance? needed;
            lock (_namespace)
            {
                var result = OpenLocked(context, path, flags, mode, reservation, ref truncate, out opened, out needed);
                if (result != Errno.Success)
                {
                    return result;
                }
            }

            if (needed is null)
            {
                break;
            }

            var reserved = reservation.Acquire(needed, 0);
            if (reserved != Errno.Success)
            {
                return reserved;
            }
        }

        if (truncate && opened is RegularFileDescription file)
        {
            var result = file.Inode.SetLength(0);
            if (result != Errno.Success)
            {
                opened.Retain();
                opened.Release();
                return result;
            }
        }

        description = opened!;
        return Errno.Success;
    }

    private Errno OpenLocked(
        in PathContext context,
        string path,
        OpenFlags flags,
        uint mode,
        InodeReservation reservation,
        ref bool truncate,
        out FileDescription? opened,
        out FileSystemInstance? needed)
    {
        opened = null;
        needed = null;
        var credentials = context.Credentials;
        var create = (flags & OpenFlags.Create) != 0;
        var exclusive = create && (flags & OpenFlags.Exclusive) != 0;
        var follow = (flags & OpenFlags.NoFollow) == 0 && !exclusive;
        var result = Walk(context, path, follow, out var lookup);
        if (result != Errno.Success)
        {
            return result;
        }

        Inode node;
        if (lookup.Node is null)
        {
            if (!create)
            {
                return Errno.ENOENT;
            }

            if (lookup.TrailingSlash)
            {
                return Errno.EISDIR;
            }

            result = CheckCreate(credentials, lookup);
            if (result != Errno.Success)
            {
                return result;
            }

            var parent = lookup.Parent!;
            if (!reservation.Covers(parent.FileSystem, 0))
            {
                needed = parent.FileSystem;
                return Errno.Success;
            }

            node = new MemoryFileInode(
                parent.FileSystem, mode & ModeBits.PermissionMask & ~context.Umask, credentials.EffectiveUid,
                Permissions.GroupForNewInode(credentials, parent));
            reservation.Consume();
            parent.Link(lookup.Name, node);
            parent.TouchModify();
            truncate = false;
        }
        else
        {
            node = lookup.Node;
            result = CheckOpenExisting(credentials, lookup, flags, create, exclusive, truncate);
            if (result != Errno.Success)
            {
                return result;
            }
        }

        if (node is FifoInode fifo)
        {
            // The pipe's end outlives the inode as an anonymous pipe's does, so it does not pin it.
            return fifo.Open(flags, out opened);
        }

        opened = CreateDescription(node, flags, lookup);
        return Errno.Success;
    }

    private static Errno CheckOpenExisting(Credentials credentials, in PathLookup lookup, OpenFlags flags, bool create, bool exclusive, bool truncate)
    {
        var node = lookup.Node!;
        var accessMode = flags & OpenFlags.AccessModeMask;
        var writes = accessMode != OpenFlags.ReadOnly || truncate;
        if (exclusive)
        {
            return Errno.EEXIST;
        }

        if (node is SymlinkInode)
        {
            return Errno.ELOOP;
        }

        if (node is SocketInode)
        {
            return Errno.ENXIO;
        }

        if ((flags & OpenFlags.Directory) != 0 && node is not DirectoryInode)
        {
            return Errno.ENOTDIR;
        }

        if (node is DirectoryInode && (writes || create))
        {
            return Errno.EISDIR;
        }

        // Device and FIFO nodes stay writable on read-only mounts, as on Linux.
        if (writes && node is not (DeviceInode or FifoInode)
            && (lookup.NodeMount.ReadOnly || node is GeneratedFileInode || node is RegularFileInode { IsWritable: false }))
        {
            return Errno.EROFS;
        }

        var wanted = (accessMode != OpenFlags.WriteOnly ? Permissions.Read : 0) | (writes ? Permissions.Write : 0);
        return Permissions.Allows(credentials, node, wanted) ? Errno.Success : Errno.EACCES;
    }

    /// <summary>Creates the description for an opened inode and pins it. Caller holds <c>_namespace</c>.</summary>
    private FileDescription CreateDescription(Inode node, OpenFlags flags, in PathLookup lookup)
    {
        var pinned = node is GeneratedFileInode generated ? generated.Snapshot() : node;
        FileDescription description = pinned switch
        {
            RegularFileInode file => new RegularFileDescription(this, file, flags),
            DirectoryInode directory => new DirectoryDescription(this, directory, flags, lookup.CanonicalPath()),
            DeviceInode device => new DeviceDescription(this, device, flags),
            _ => throw new InvalidOperationException($"Cannot open an inode of type {node.Type}."),
        };
        pinned.OpenCount++;
        return description;
    }
}
