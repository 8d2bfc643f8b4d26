using System.Text;

namespace AgentOs.Kernel.Vfs;

/// <summary>
/// Builds a VM's root tree from a saved state's entries, into a file system made without a base tree that nothing
/// else sees yet. Paths are relative ("a/b/c") and checked here: every component a plain name, the parent a
/// directory this loader made (or "/"), so no entry reaches through a symbolic link, and no path is used twice.
/// Each node's inode and bytes are reserved on the budgets before it is made; ENOSPC when they run out.
/// </summary>
internal sealed class TreeLoader
{
    private readonly FileSystemInstance _fileSystem;
    private readonly Dictionary<string, DirectoryInode> _directories = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Inode> _others = new(StringComparer.Ordinal);

    public TreeLoader(VirtualFileSystem fileSystem)
    {
        Root = fileSystem.RootDirectory;
        _fileSystem = Root.FileSystem;
        _directories.Add(string.Empty, Root);
    }

    /// <summary>"/", whose attributes the state sets like any other directory's.</summary>
    public DirectoryInode Root { get; }

    public Errno AddDirectory(string path, out Inode? node)
    {
        node = null;
        var result = Reserve(path, 0, out var parent, out var name);
        if (result == Errno.Success)
        {
            var directory = new DirectoryInode(_fileSystem, 0, 0, 0);
            parent!.Link(name, directory);
            _directories.Add(path, directory);
            node = directory;
        }

        return result;
    }

    /// <summary>An empty file; its contents are written with <see cref="RegularFileInode.Write"/>, which reserves
    /// the bytes.</summary>
    public Errno AddFile(string path, out MemoryFileInode? file) =>
        AddNode(path, 0, () => new MemoryFileInode(_fileSystem, 0, 0, 0), out file);

    public Errno AddSymlink(string path, string target, out Inode? node)
    {
        node = null;
        var bytes = Encoding.UTF8.GetByteCount(target);
        if (target.Length == 0 || bytes >= VirtualFileSystem.PathMax || target.Contains('\0', StringComparison.Ordinal))
        {
            return Errno.EINVAL;
        }

        return AddNode<Inode>(path, bytes, () => new SymlinkInode(_fileSystem, target, 0, 0), out node);
    }

    /// <summary>A named FIFO (mkfifo), empty.</summary>
    public Errno AddFifo(string path, out Inode? node) => AddNode<Inode>(path, 0, () => new FifoInode(_fileSystem, 0, 0, 0), out node);

    /// <summary>A character device node: only the kernel's own devices (EINVAL for any other).</summary>
    public Errno AddDevice(string path, CharDevice device, out Inode? node)
    {
        node = null;
        if (!Enum.IsDefined(device))
        {
            return Errno.EINVAL;
        }

        return AddNode<Inode>(path, 0, () => new DeviceInode(_fileSystem, device, 0, 0, 0), out node);
    }

    /// <summary>Reserves an entry of <paramref name="bytes"/> for <paramref name="path"/>, then creates and links the node.</summary>
    private Errno AddNode<T>(string path, long bytes, Func<T> create, out T? node)
        where T : Inode
    {
        node = null;
        var result = Reserve(path, bytes, out var parent, out var name);
        if (result == Errno.Success)
        {
            node = create();
            Add(parent!, name, path, node);
        }

        return result;
    }

    /// <summary>A second name for the non-directory this loader made at <paramref name="existing"/> (ENOENT when
    /// there is none).</summary>
    public Errno AddHardLink(string path, string existing)
    {
        if (!_others.TryGetValue(existing, out var node))
        {
            return Errno.ENOENT;
        }

        var result = Find(path, out var parent, out var name);
        if (result == Errno.Success)
        {
            Add(parent!, name, path, node);
        }

        return result;
    }

    private void Add(DirectoryInode parent, string name, string path, Inode node)
    {
        parent.Link(name, node);
        _others.Add(path, node);
    }

    private Errno Reserve(string path, long bytes, out DirectoryInode? parent, out string name)
    {
        var result = Find(path, out parent, out name);
        if (result != Errno.Success)
        {
            return result;
        }

        if (!_fileSystem.TryReserveInode())
        {
            return Errno.ENOSPC;
        }

        if (!_fileSystem.TryReserveBytes(bytes))
        {
            _fileSystem.ReleaseInode();
            return Errno.ENOSPC;
        }

        return Errno.Success;
    }

    /// <summary>The parent directory and final name of a new <paramref name="path"/>: EINVAL for a malformed path,
    /// ENAMETOOLONG, ENOENT when the parent was not made as a directory here, EEXIST when the name is taken.</summary>
    private Errno Find(string path, out DirectoryInode? parent, out string name)
    {
        parent = null;
        name = string.Empty;
        if (path.Length == 0 || Encoding.UTF8.GetByteCount(path) >= VirtualFileSystem.PathMax)
        {
            return path.Length == 0 ? Errno.EINVAL : Errno.ENAMETOOLONG;
        }

        var slash = path.LastIndexOf('/');
        name = path[(slash + 1)..];
        if (name is "" or "." or ".." || name.Contains('\0', StringComparison.Ordinal) || path.Split('/').Any(part => part is "" or "." or ".."))
        {
            return Errno.EINVAL;
        }

        if (Encoding.UTF8.GetByteCount(name) > VirtualFileSystem.NameMax)
        {
            return Errno.ENAMETOOLONG;
        }

        if (!_directories.TryGetValue(slash < 0 ? string.Empty : path[..slash], out parent))
        {
            return Errno.ENOENT;
        }

        return parent.Lookup(name) is null ? Errno.Success : Errno.EEXIST;
    }
}
