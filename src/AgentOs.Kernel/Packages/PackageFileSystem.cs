using AgentOs.Kernel.Vfs;

namespace AgentOs.Kernel.Packages;

/// <summary>
/// Builds the read-only inode tree of one package (spec §1.6): directories, symlinks (targets as in the index) and
/// <see cref="PackageFileInode"/> files, with mode, owner and mtime from the index and inode numbers equal to the
/// index position + 1.
/// </summary>
internal static class PackageFileSystem
{
    private const long NanosecondsPerSecond = 1_000_000_000;

    /// <summary>
    /// Creates the tree on <paramref name="fileSystem"/>, which must be fresh (no inode numbers handed out) and
    /// uncharged: package data is not guest data. <paramref name="sha256"/> is the package digest in lowercase hex,
    /// used for the files' content keys. Returns the root directory, ready to mount.
    /// </summary>
    public static DirectoryInode Build(AospkgPackage package, string sha256, FileSystemInstance fileSystem)
    {
        if (fileSystem.InodesAllocated != 0 || fileSystem.Inodes is not null || fileSystem.Bytes is not null)
        {
            throw new ArgumentException("A package tree needs a fresh, uncharged file system.", nameof(fileSystem));
        }

        var entries = package.Entries;
        var directories = new Dictionary<string, DirectoryInode>(StringComparer.Ordinal);
        DirectoryInode? root = null;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            Inode node = entry.Kind switch
            {
                PackageEntryKind.Directory => new DirectoryInode(fileSystem, entry.Mode, entry.Uid, entry.Gid, isRoot: i == 0),
                PackageEntryKind.Symlink => new SymlinkInode(fileSystem, entry.LinkTarget!, entry.Uid, entry.Gid),
                _ => new PackageFileInode(fileSystem, package, entry, sha256),
            };

            // Inodes are numbered in creation order on a fresh file system, so index order gives position + 1.
            if (node.Ino != (ulong)i + 1)
            {
                throw new InvalidOperationException($"Package inode {entry.Path} got number {node.Ino}, not {i + 1}.");
            }

            node.InitializeTimes(Math.Min(entry.MtimeSeconds, long.MaxValue / NanosecondsPerSecond) * NanosecondsPerSecond);
            if (node is DirectoryInode directory)
            {
                directories.Add(entry.Path, directory);
            }

            if (i == 0)
            {
                root = (DirectoryInode)node;
                continue;
            }

            // The reader guarantees sorted, normalized paths whose parents are earlier directory entries.
            var slash = entry.Path.LastIndexOf('/');
            directories[slash == 0 ? "/" : entry.Path[..slash]].Link(entry.Path[(slash + 1)..], node);
        }

        return root!;
    }
}
