using AgentOs.Kernel.Processes;

namespace AgentOs.Kernel.Vfs;

public sealed partial class VirtualFileSystem
{
    /// <summary>
    /// Runs kernel setup steps (check, then create) as one unit no guest path call can interleave with; the
    /// namespace lock is reentrant, so the steps call the ordinary operations. Only for steps that reserve no budget:
    /// a reservation may raise a limit warning, which must not run under the lock.
    /// </summary>
    internal Errno RunLocked(Func<Errno> steps)
    {
        lock (_namespace)
        {
            return steps();
        }
    }

    /// <summary>mkdir for kernel setup: owned by root, <paramref name="permissions"/> as given (no umask), and not
    /// charged to the budgets. EEXIST, ENOENT, ENOTDIR, EROFS.</summary>
    internal Errno MkdirUncharged(string path, uint permissions) =>
        CreateUncharged(path, fileSystem => new DirectoryInode(fileSystem, permissions, 0, 0) { Charged = false });

    /// <summary>symlink for kernel setup (e.g. package command links): owned by root and not charged to the
    /// budgets. EEXIST, ENOENT, ENOTDIR, EROFS.</summary>
    internal Errno SymlinkUncharged(string target, string linkPath) =>
        CreateUncharged(linkPath, fileSystem => new SymlinkInode(fileSystem, target, 0, 0) { Charged = false });

    private Errno CreateUncharged(string path, Func<FileSystemInstance, Inode> create)
    {
        lock (_namespace)
        {
            var result = Walk(PathContext.Root, path, followFinal: false, out var lookup);
            if (result != Errno.Success)
            {
                return result;
            }

            if (lookup.IsSpecial || lookup.Node is not null)
            {
                return Errno.EEXIST;
            }

            if (lookup.TrailingSlash)
            {
                return Errno.ENOENT;
            }

            result = CheckCreate(Credentials.Root, lookup);
            if (result != Errno.Success)
            {
                return result;
            }

            var parent = lookup.Parent!;
            parent.Link(lookup.Name, create(parent.FileSystem));
            parent.TouchModify();
            return Errno.Success;
        }
    }
}
