namespace AgentOs.Kernel.Vfs;

public sealed partial class VirtualFileSystem
{
    /// <summary>The root file system's "/".</summary>
    internal DirectoryInode RootDirectory => _rootFrame.Directory;

    /// <summary>
    /// A consistent copy of the root file system's tree taken under the namespace lock, detached and charged to
    /// nothing: file contents are shared copy-on-write, so this costs one small object per inode, not a copy of the
    /// bytes. See <see cref="CopyTree"/> for what is left out.
    /// </summary>
    internal TreeSnapshot Snapshot()
    {
        var fileSystem = CreateFileSystem();
        var root = new DirectoryInode(fileSystem, 0, 0, 0, isRoot: true);
        lock (_namespace)
        {
            var (inodes, bytes) = CopyTree(_rootFrame.Directory, root);
            return new TreeSnapshot(root, inodes + 1, bytes);
        }
    }

    /// <summary>
    /// Fills <paramref name="target"/> — a new file system with no base tree, not yet seen by anyone — with a
    /// copy-on-write copy of this one's root tree, charged to <paramref name="target"/>'s budgets. ENOSPC when they
    /// cannot hold it (target is then unusable).
    /// </summary>
    internal Errno CopyInto(VirtualFileSystem target)
    {
        lock (_namespace)
        {
            // The target's gauges have no subscribers yet, so its reservations may be made under this lock.
            var copied = CopyTree(_rootFrame.Directory, target._rootFrame.Directory);
            return copied.Inodes < 0 ? Errno.ENOSPC : Errno.Success;
        }
    }

    /// <summary>
    /// Copies <paramref name="from"/>'s attributes and subtree into the empty directory <paramref name="to"/> (whose
    /// file system is charged for every node, reserved before it is made): directories, regular files (pages shared),
    /// symlinks, device nodes, named FIFOs (empty) and hard links as hard links. Left out: what is mounted on the tree (packages, /proc,
    /// host mounts: a mount point stays as the plain directory it covers), nodes the kernel made uncharged (package
    /// directories and command links: the software recreates them) and socket names (meaningless without their
    /// socket). Returns the inodes (without <paramref name="to"/>) and bytes copied, or (-1, -1) when a budget ran out.
    /// </summary>
    private static (long Inodes, long Bytes) CopyTree(DirectoryInode from, DirectoryInode to)
    {
        var fileSystem = to.FileSystem;
        var copies = new Dictionary<Inode, Inode>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<(DirectoryInode From, DirectoryInode To)>();
        pending.Push((from, to));
        long inodes = 0, bytes = 0;
        to.CopyAttributesFrom(from);
        while (pending.TryPop(out var directories))
        {
            foreach (var (name, node) in directories.From.Entries())
            {
                if (copies.TryGetValue(node, out var linked))
                {
                    directories.To.Link(name, linked);
                    continue;
                }

                if (!node.Charged || node is not (DirectoryInode or MemoryFileInode or SymlinkInode or DeviceInode or FifoInode))
                {
                    continue;
                }

                if (!fileSystem.TryReserveInode())
                {
                    return (-1, -1);
                }

                var copy = Copy(node, fileSystem);
                if (copy is null)
                {
                    fileSystem.ReleaseInode();
                    return (-1, -1);
                }

                inodes++;
                bytes += copy is SymlinkInode or MemoryFileInode ? copy.Size : 0;
                copies.Add(node, copy);
                directories.To.Link(name, copy);
                if (node is DirectoryInode directory)
                {
                    pending.Push((directory, (DirectoryInode)copy));
                }
            }
        }

        return (inodes, bytes);
    }

    /// <summary>A copy of one node in <paramref name="fileSystem"/> (whose inode is reserved); null when the byte
    /// budget cannot hold its contents.</summary>
    private static Inode? Copy(Inode node, FileSystemInstance fileSystem)
    {
        Inode copy;
        switch (node)
        {
            case MemoryFileInode file:
                return file.CopyFor(fileSystem);
            case SymlinkInode link:
                if (!fileSystem.TryReserveBytes(link.TargetBytes))
                {
                    return null;
                }

                copy = new SymlinkInode(fileSystem, link.Target, 0, 0);
                break;
            case DeviceInode device:
                copy = new DeviceInode(fileSystem, device.Device, 0, 0, 0);
                break;
            case FifoInode:
                copy = new FifoInode(fileSystem, 0, 0, 0); // A FIFO's bytes belong to its open ends, not to the node.
                break;
            default:
                copy = new DirectoryInode(fileSystem, 0, 0, 0);
                break; // The caller passes only the five kinds copied.
        }

        copy.CopyAttributesFrom(node);
        return copy;
    }
}
