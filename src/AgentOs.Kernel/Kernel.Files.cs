using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Processes;
using AgentOs.Kernel.Vfs;

namespace AgentOs.Kernel;

/// <summary>
/// Path system calls (the *at family). A directory argument is <see cref="AtCwd"/>, <see cref="AtRoot"/> (the
/// guest's hidden "/" preopen) or a directory fd; relative paths are made absolute from it before the VFS walks
/// them with the caller's credentials and umask.
/// </summary>
public sealed partial class Kernel
{
    /// <summary>AT_FDCWD: relative to the process's working directory.</summary>
    public const int AtCwd = -100;

    /// <summary>Relative to "/" (the guest ABI's preopened root).</summary>
    public const int AtRoot = -101;

    /// <summary>The VM's filesystem.</summary>
    public VirtualFileSystem FileSystem { get; }

    /// <summary>openat(2). The descriptor is claimed first, so EMFILE/ENFILE leave no created file behind.</summary>
    public Errno OpenAt(Process process, int dirFd, string path, OpenFlags flags, uint mode, out int fd)
    {
        fd = -1;
        var errno = Resolve(process, dirFd, path, out var context, out var full);
        if (errno != Errno.Success)
        {
            return errno;
        }

        if (TryOwnFdPath(full, out var own))
        {
            return OpenOwnFd(process, own, flags, out fd);
        }

        errno = process.Fds.Reserve(out var slot);
        if (errno != Errno.Success)
        {
            return errno;
        }

        errno = FileSystem.Open(context, full, flags & ~OpenFlags.CloseOnExec, mode, out var file);
        if (errno != Errno.Success)
        {
            process.Fds.Abort(slot);
            return errno;
        }

        process.Fds.Commit(slot, file, (flags & OpenFlags.CloseOnExec) != 0 ? FdFlags.CloseOnExec : FdFlags.None);
        fd = slot;
        return Errno.Success;
    }

    /// <summary>fstatat(2).</summary>
    public Errno StatAt(Process process, int dirFd, string path, bool follow, out StatInfo stat)
    {
        stat = default;
        var errno = Resolve(process, dirFd, path, out var context, out var full);
        if (errno != Errno.Success)
        {
            return errno;
        }

        return TryOwnFdPath(full, out var own) ? StatOwnFd(process, own, out stat) : FileSystem.Stat(context, full, follow, out stat);
    }

    /// <summary>mkdirat(2).</summary>
    public Errno MkdirAt(Process process, int dirFd, string path, uint mode)
    {
        var errno = Resolve(process, dirFd, path, out var context, out var full);
        return errno != Errno.Success ? errno : FileSystem.Mkdir(context, full, mode);
    }

    /// <summary>mkfifoat(3) (mknodat(2) with S_IFIFO).</summary>
    public Errno MkfifoAt(Process process, int dirFd, string path, uint mode)
    {
        var errno = Resolve(process, dirFd, path, out var context, out var full);
        return errno != Errno.Success ? errno : FileSystem.MakeFifo(context, full, mode);
    }

    /// <summary>unlinkat(2), with AT_REMOVEDIR when <paramref name="removeDirectory"/>.</summary>
    public Errno UnlinkAt(Process process, int dirFd, string path, bool removeDirectory)
    {
        var errno = Resolve(process, dirFd, path, out var context, out var full);
        if (errno != Errno.Success)
        {
            return errno;
        }

        return removeDirectory ? FileSystem.Rmdir(context, full) : FileSystem.Unlink(context, full);
    }

    /// <summary>renameat(2).</summary>
    public Errno RenameAt(Process process, int oldDirFd, string oldPath, int newDirFd, string newPath)
    {
        var errno = Resolve(process, oldDirFd, oldPath, out var context, out var from);
        if (errno != Errno.Success)
        {
            return errno;
        }

        errno = Resolve(process, newDirFd, newPath, out _, out var to);
        return errno != Errno.Success ? errno : FileSystem.Rename(context, from, to);
    }

    /// <summary>linkat(2). The VFS links the name itself, as Linux does without AT_SYMLINK_FOLLOW.</summary>
    public Errno LinkAt(Process process, int oldDirFd, string oldPath, int newDirFd, string newPath)
    {
        var errno = Resolve(process, oldDirFd, oldPath, out var context, out var from);
        if (errno != Errno.Success)
        {
            return errno;
        }

        errno = Resolve(process, newDirFd, newPath, out _, out var to);
        return errno != Errno.Success ? errno : FileSystem.Link(context, from, to);
    }

    /// <summary>symlinkat(2).</summary>
    public Errno SymlinkAt(Process process, string target, int dirFd, string path)
    {
        var errno = Resolve(process, dirFd, path, out var context, out var full);
        return errno != Errno.Success ? errno : FileSystem.Symlink(context, target, full);
    }

    /// <summary>readlinkat(2).</summary>
    public Errno ReadLinkAt(Process process, int dirFd, string path, out string target)
    {
        target = string.Empty;
        var errno = Resolve(process, dirFd, path, out var context, out var full);
        return errno != Errno.Success ? errno : FileSystem.ReadLink(context, full, out target);
    }

    /// <summary>fchmodat(2).</summary>
    public Errno ChmodAt(Process process, int dirFd, string path, uint mode, bool follow)
    {
        var errno = Resolve(process, dirFd, path, out var context, out var full);
        return errno != Errno.Success ? errno : FileSystem.Chmod(context, full, mode, follow);
    }

    /// <summary>fchownat(2); <see cref="uint.MaxValue"/> leaves an id unchanged.</summary>
    public Errno ChownAt(Process process, int dirFd, string path, uint uid, uint gid, bool follow)
    {
        var errno = Resolve(process, dirFd, path, out var context, out var full);
        return errno != Errno.Success ? errno : FileSystem.Chown(context, full, uid, gid, follow);
    }

    /// <summary>utimensat(2); null leaves a time unchanged.</summary>
    public Errno UtimensAt(Process process, int dirFd, string path, long? accessTimeNs, long? modifyTimeNs, bool follow)
    {
        var errno = Resolve(process, dirFd, path, out var context, out var full);
        return errno != Errno.Success ? errno : FileSystem.SetTimes(context, full, accessTimeNs, modifyTimeNs, follow);
    }

    /// <summary>faccessat(2) with R=4, W=2, X=1, F=0.</summary>
    public Errno AccessAt(Process process, int dirFd, string path, int mode)
    {
        var errno = Resolve(process, dirFd, path, out var context, out var full);
        return errno != Errno.Success ? errno : FileSystem.Access(context, full, mode);
    }

    /// <summary>statfs(2).</summary>
    public Errno StatFsAt(Process process, int dirFd, string path, out StatFsInfo info)
    {
        info = default;
        var errno = Resolve(process, dirFd, path, out var context, out var full);
        return errno != Errno.Success ? errno : FileSystem.StatFs(context, full, out info);
    }

    /// <summary>mount -o remount,ro|rw (root only).</summary>
    public Errno Remount(Process process, string path, bool? readOnly)
    {
        var errno = Resolve(process, AtCwd, path, out var context, out var full);
        if (errno != Errno.Success)
        {
            return errno;
        }

        return readOnly is { } ro ? FileSystem.Remount(context, full, ro) : process.Credentials.IsRoot ? Errno.Success : Errno.EPERM;
    }

    /// <summary>fchmod(2).</summary>
    public Errno Fchmod(Process process, int fd, uint mode) =>
        WithInode(process, fd, out var context, out var inode) is var errno && errno != Errno.Success ? errno : FileSystem.Chmod(context, inode, mode);

    /// <summary>fchown(2).</summary>
    public Errno Fchown(Process process, int fd, uint uid, uint gid) =>
        WithInode(process, fd, out var context, out var inode) is var errno && errno != Errno.Success ? errno : FileSystem.Chown(context, inode, uid, gid);

    /// <summary>futimens(2).</summary>
    public Errno Futimens(Process process, int fd, long? accessTimeNs, long? modifyTimeNs) =>
        WithInode(process, fd, out var context, out var inode) is var errno && errno != Errno.Success ? errno : FileSystem.SetTimes(context, inode, accessTimeNs, modifyTimeNs);

    /// <summary>getdents: up to <paramref name="maxEntries"/> entries of the directory fd from <paramref name="cookie"/>.</summary>
    public Errno ReadDir(Process process, int fd, long cookie, int maxEntries, List<DirectoryEntry> entries)
    {
        var errno = process.Fds.Get(fd, out var file);
        if (errno != Errno.Success)
        {
            return errno;
        }

        return file is DirectoryDescription directory
            ? directory.ReadDirectory(cookie, Math.Min(maxEntries, Limits.MaxReaddirEntries), entries)
            : Errno.ENOTDIR;
    }

    /// <summary>getdents on a path (the guest's hidden "/" preopen has no fd of its own).</summary>
    public Errno ReadDirAt(Process process, int dirFd, string path, long cookie, int maxEntries, List<DirectoryEntry> entries)
    {
        var errno = Resolve(process, dirFd, path, out var context, out var full);
        if (errno != Errno.Success)
        {
            return errno;
        }

        errno = FileSystem.Open(context, full, OpenFlags.ReadOnly | OpenFlags.Directory, 0, out var file);
        if (errno != Errno.Success)
        {
            return errno;
        }

        file.Retain();
        try
        {
            return ((DirectoryDescription)file).ReadDirectory(cookie, Math.Min(maxEntries, Limits.MaxReaddirEntries), entries);
        }
        finally
        {
            file.Release();
        }
    }

    /// <summary>Reads a whole small file as root (the account database for host_user lookups).</summary>
    public Errno ReadSmallFile(string path, int maxBytes, out byte[] content)
    {
        content = [];
        var errno = FileSystem.Open(PathContext.Root, path, OpenFlags.ReadOnly, 0, out var file);
        if (errno != Errno.Success)
        {
            return errno;
        }

        file.Retain();
        try
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            while (buffer.Length < maxBytes)
            {
                errno = file.Read(chunk, default, out var read);
                if (errno != Errno.Success)
                {
                    return errno;
                }

                if (read == 0)
                {
                    break;
                }

                buffer.Write(chunk, 0, read);
            }

            content = buffer.ToArray();
            return buffer.Length > maxBytes ? Errno.EFBIG : Errno.Success;
        }
        finally
        {
            file.Release();
        }
    }

    /// <summary>Turns (dirFd, path) into an absolute path and the caller's path context.</summary>
    private Errno Resolve(Process process, int dirFd, string path, out PathContext context, out string full)
    {
        context = new PathContext(process.Credentials, "/", process.Umask);
        full = path;
        if (path.Length == 0)
        {
            return Errno.ENOENT;
        }

        if (path.Length > VirtualFileSystem.PathMax)
        {
            return Errno.ENAMETOOLONG;
        }

        if (path[0] == '/')
        {
            return Errno.Success;
        }

        string directory;
        switch (dirFd)
        {
            case AtCwd:
                directory = process.WorkingDirectory;
                break;
            case AtRoot:
                directory = "/";
                break;
            default:
                var errno = process.Fds.Get(dirFd, out var file);
                if (errno != Errno.Success)
                {
                    return errno;
                }

                if (file is not DirectoryDescription dir)
                {
                    return Errno.ENOTDIR;
                }

                directory = dir.Path;
                break;
        }

        full = directory.EndsWith('/') ? directory + path : directory + "/" + path;
        return Errno.Success;
    }

    private static Errno WithInode(Process process, int fd, out PathContext context, out Inode inode)
    {
        context = new PathContext(process.Credentials, "/", process.Umask);
        inode = null!;
        var errno = process.Fds.Get(fd, out var file);
        if (errno != Errno.Success)
        {
            return errno;
        }

        switch (file)
        {
            case DirectoryDescription directory:
                inode = directory.Inode;
                return Errno.Success;
            case RegularFileDescription regular:
                inode = regular.Inode;
                return Errno.Success;
            default:
                // Pipes and devices have no inode of their own in the VFS.
                return Errno.EPERM;
        }
    }
}
