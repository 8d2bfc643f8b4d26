using System.Text;
using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Processes;

namespace AgentOs.Kernel.Vfs;

/// <summary>
/// The VM's file system namespace: an in-memory, inode-based root tree plus a mount table, with one call per POSIX
/// operation. Paths are resolved relative to a <see cref="PathContext"/>; failures the guest caused come back as
/// <see cref="Errno"/> values. Regular-file bytes and symlink targets of the root tree are charged to
/// <c>vm_filesystem_bytes</c> and every inode to <c>vm_inodes</c>, reserved before anything changes.
/// </summary>
/// <remarks>
/// Lock order: <c>_namespace</c> (directory entries, link and open counts, the mount table) → one inode's lock
/// (mode, owner, times, file contents; a leaf, never two at once). File data moves under the inode lock only, so
/// reads and writes of different files never contend on the namespace. Gauge reservations (which may raise a
/// limit warning to subscribers) are made outside both locks, and inode deaths are settled after
/// <c>_namespace</c> is released.
/// </remarks>
public sealed partial class VirtualFileSystem
{
    /// <summary>PATH_MAX: a path's bytes plus its terminating NUL must fit.</summary>
    public const int PathMax = 4096;

    /// <summary>NAME_MAX: bytes in one path component.</summary>
    public const int NameMax = 255;

    /// <summary>Symlinks followed during one resolution before ELOOP (Linux's MAXSYMLINKS).</summary>
    public const int MaxSymlinkHops = 40;

    /// <summary>Passed to <see cref="SetTimes(in PathContext, string, long?, long?, bool)"/> for "the current time" (UTIME_NOW).</summary>
    public const long TimeNow = long.MaxValue;

    private readonly Lock _namespace = new();
    private readonly TimeProvider _time;
    private readonly FileSystemInstance _rootFileSystem;
    private readonly PathFrame _rootFrame;

    // Guarded by _namespace.
    private readonly List<MountPoint> _mounts = [];
    private readonly Dictionary<DirectoryInode, MountPoint> _mountsByCovered = new(ReferenceEqualityComparer.Instance);
    private long _lastDevice;

    /// <summary>Creates an empty file system (just "/", owned by root, 0755) charging the given gauges.</summary>
    public VirtualFileSystem(LimitGauge filesystemBytes, LimitGauge inodes, TimeProvider time)
    {
        _time = time;
        _rootFileSystem = CreateFileSystem(filesystemBytes, inodes);
        if (!_rootFileSystem.TryReserveInode())
        {
            throw new InvalidOperationException("The inode budget cannot hold the root directory.");
        }

        var root = new DirectoryInode(_rootFileSystem, 0x1ED, 0, 0, isRoot: true);
        var rootMount = new MountPoint("/", null, root, false, "root", "tmpfs", "");
        _mounts.Add(rootMount);
        _rootFrame = new PathFrame(root, rootMount, "");
    }

    /// <summary>A new file system identity (unique device number) sharing this VFS's clock, for trees to mount.
    /// Without gauges its inodes are not charged.</summary>
    internal FileSystemInstance CreateFileSystem(LimitGauge? bytes = null, LimitGauge? inodes = null) =>
        new((ulong)Interlocked.Increment(ref _lastDevice), _time, bytes, inodes);

    /// <summary>Drops one pin (open description or in-flight operation); the inode dies if nothing else holds it.</summary>
    internal void Unpin(Inode inode)
    {
        bool dead;
        lock (_namespace)
        {
            if (inode.OpenCount <= 0)
            {
                throw new InvalidOperationException("Inode unpinned more often than pinned.");
            }

            inode.OpenCount--;
            dead = inode.IsUnreferenced;
        }

        if (dead)
        {
            inode.Die();
        }
    }

    internal void ReadDirectory(DirectoryInode directory, long cookie, int maxEntries, List<DirectoryEntry> entries)
    {
        lock (_namespace)
        {
            if (directory.LinkCount > 0)
            {
                directory.Read(cookie, maxEntries, entries);
            }
        }
    }

    private static Errno CheckPathLength(string path)
    {
        if (path.Length == 0)
        {
            return Errno.ENOENT;
        }

        return path.Length * 3 >= PathMax && Encoding.UTF8.GetByteCount(path) >= PathMax ? Errno.ENAMETOOLONG : Errno.Success;
    }

    private static void PushComponents(Stack<string> pending, string path)
    {
        var end = path.Length;
        while (end > 0)
        {
            var slash = path.LastIndexOf('/', end - 1);
            if (slash + 1 < end)
            {
                pending.Push(path[(slash + 1)..end]);
            }

            end = slash;
        }
    }

    /// <summary>Resolves <paramref name="path"/> for <paramref name="context"/>. Caller holds <c>_namespace</c>.</summary>
    private Errno Walk(in PathContext context, string path, bool followFinal, out PathLookup lookup) =>
        Walk(context.Credentials, context.WorkingDirectory, path, followFinal, out lookup);

    private Errno Walk(Credentials credentials, string workingDirectory, string path, bool followFinal, out PathLookup lookup)
    {
        lookup = default;
        var result = CheckPathLength(path);
        if (result != Errno.Success)
        {
            return result;
        }

        var frames = new List<PathFrame>(8) { _rootFrame };
        if (path[0] != '/')
        {
            // The working directory is trusted state: no search checks on its ancestors, as Linux keeps a reference.
            result = WalkFrom(frames, null, workingDirectory, followFinal: true, out var cwd);
            if (result != Errno.Success)
            {
                return result;
            }

            if (cwd.Node is not DirectoryInode directory)
            {
                return cwd.Node is null ? Errno.ENOENT : Errno.ENOTDIR;
            }

            frames = cwd.Frames;
            if (!cwd.IsSpecial)
            {
                frames.Add(new PathFrame(directory, cwd.NodeMount, cwd.Name));
            }
        }

        return WalkFrom(frames, credentials, path, followFinal, out lookup);
    }

    /// <summary>
    /// The path walk: components are consumed from a stack so symlink targets splice in place; ".." pops a frame
    /// (never above "/", and out of a mount back to the directory it covers); every directory searched needs x.
    /// </summary>
    private Errno WalkFrom(List<PathFrame> frames, Credentials? searcher, string path, bool followFinal, out PathLookup lookup)
    {
        lookup = default;
        var pending = new Stack<string>(8);
        PushComponents(pending, path);
        var trailingSlash = pending.Count > 0 && path[^1] == '/';
        var special = "/";
        var hops = 0;
        while (pending.TryPop(out var name))
        {
            var last = pending.Count == 0;
            var current = frames[^1];
            if (searcher is not null && !Permissions.Allows(searcher, current.Directory, Permissions.Execute))
            {
                return Errno.EACCES;
            }

            if (name == ".")
            {
                special = name;
                continue;
            }

            if (name == "..")
            {
                if (frames.Count > 1)
                {
                    frames.RemoveAt(frames.Count - 1);
                }

                special = name;
                continue;
            }

            if (name.Length > NameMax / 3 && Encoding.UTF8.GetByteCount(name) > NameMax)
            {
                return Errno.ENAMETOOLONG;
            }

            var child = current.Directory.Lookup(name);
            if (child is null)
            {
                if (!last)
                {
                    return Errno.ENOENT;
                }

                lookup = new PathLookup(frames, name, null, current.Mount, trailingSlash, isSpecial: false);
                return Errno.Success;
            }

            if (child is SymlinkInode link && (!last || followFinal || trailingSlash))
            {
                if (++hops > MaxSymlinkHops)
                {
                    return Errno.ELOOP;
                }

                var target = link.Target;
                if (target.Length == 0)
                {
                    return Errno.ENOENT;
                }

                if (target[0] == '/')
                {
                    frames.RemoveRange(1, frames.Count - 1);
                    special = "/";
                }

                trailingSlash |= last && target[^1] == '/';
                PushComponents(pending, target);
                continue;
            }

            var node = child;
            var mount = current.Mount;
            if (child is DirectoryInode covered && _mountsByCovered.TryGetValue(covered, out var mounted))
            {
                node = mounted.Root;
                mount = mounted;
            }

            if (last)
            {
                if (trailingSlash && node is not DirectoryInode)
                {
                    return Errno.ENOTDIR;
                }

                lookup = new PathLookup(frames, name, node, mount, trailingSlash, isSpecial: false);
                return Errno.Success;
            }

            if (node is not DirectoryInode directory)
            {
                return Errno.ENOTDIR;
            }

            frames.Add(new PathFrame(directory, mount, name));
        }

        var top = frames[^1];
        lookup = new PathLookup(frames, special, top.Directory, top.Mount, trailingSlash, isSpecial: true);
        return Errno.Success;
    }

    /// <summary>Checks that a new entry may be created in the looked-up parent: EROFS, ENOENT (parent removed), EACCES.</summary>
    private static Errno CheckCreate(Credentials credentials, in PathLookup lookup)
    {
        var parent = lookup.Parent!;
        if (lookup.ParentMount.ReadOnly)
        {
            return Errno.EROFS;
        }

        if (parent.LinkCount == 0)
        {
            return Errno.ENOENT;
        }

        return Permissions.Allows(credentials, parent, Permissions.Write | Permissions.Execute) ? Errno.Success : Errno.EACCES;
    }

    /// <summary>Checks that the looked-up entry may be removed from its parent: EROFS, EACCES, EPERM (sticky).</summary>
    private static Errno CheckRemove(Credentials credentials, in PathLookup lookup)
    {
        var parent = lookup.Parent!;
        if (lookup.ParentMount.ReadOnly)
        {
            return Errno.EROFS;
        }

        if (!Permissions.Allows(credentials, parent, Permissions.Write | Permissions.Execute))
        {
            return Errno.EACCES;
        }

        return Permissions.MayRemoveFrom(credentials, parent, lookup.Node!) ? Errno.Success : Errno.EPERM;
    }

    /// <summary>Whether a mount point lies inside <paramref name="directory"/> (renaming it would orphan the mount).</summary>
    private bool HasMountBelow(DirectoryInode directory)
    {
        foreach (var mount in _mounts)
        {
            var current = mount.Covered;
            while (current is not null)
            {
                if (ReferenceEquals(current, directory))
                {
                    return true;
                }

                if (!ReferenceEquals(current.Parent, current))
                {
                    current = current.Parent;
                    continue;
                }

                current = _mounts.Find(m => ReferenceEquals(m.Root, current))?.Covered;
            }
        }

        return false;
    }
}
