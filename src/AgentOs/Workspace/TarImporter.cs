using System.Formats.Tar;
using System.IO.Compression;
using AgentOs.Kernel;
using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Vfs;

namespace AgentOs.Workspace;

/// <summary>
/// Unpacks a tar (or gzip-compressed tar) stream into a new VM directory. Entry names that are absolute or climb
/// with ".." are refused, as is any entry whose parent is (or became) a symbolic link, so a symlink-then-write archive
/// cannot write outside the target. Directories, regular files and symbolic links are created with their modes and
/// mtimes, owned by the VM user; other entry types are skipped. Any failure removes the whole target directory, so
/// the VM is left as it was. The VM's limits apply to every byte and inode.
/// </summary>
internal sealed class TarImporter
{
    private const int MaxNameLength = 4096;
    private const int CopyBuffer = 1 << 20;

    private readonly AgentOsFileSystem _root;
    private readonly VirtualFileSystem _vfs;
    private readonly uint _uid;
    private readonly uint _gid;
    private readonly List<(string Path, long MtimeNs)> _directories = [];

    public TarImporter(AgentOsFileSystem root, uint uid, uint gid)
    {
        _root = root;
        _vfs = root.VmKernel.FileSystem;
        _uid = uid;
        _gid = gid;
    }

    /// <exception cref="InvalidDataException">The archive is corrupt, truncated or has a hostile entry.</exception>
    /// <exception cref="AgentOsFileSystemException">The target exists, or a limit ran out (ENOSPC).</exception>
    public async Task ImportAsync(Stream archive, bool gzip, string target, CancellationToken cancellationToken)
    {
        target = "/" + string.Join('/', target.Split('/', StringSplitOptions.RemoveEmptyEntries));
        Require(_vfs.Mkdir(_root.Context, target, 0x1C0), "mkdir", target);
        try
        {
            await using var input = gzip ? new GZipStream(archive, CompressionMode.Decompress, leaveOpen: true) : null;
            await using var reader = new TarReader(input ?? archive, leaveOpen: true);
            TarEntry? entry;
            while ((entry = await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false)) is not null)
            {
                await ExtractAsync(entry, target, cancellationToken).ConfigureAwait(false);
            }

            // Directory modes and times last: extracting into a directory moves its mtime and may need write access.
            foreach (var (path, mtime) in Enumerable.Reverse(_directories))
            {
                Require(_vfs.SetTimes(_root.Context, path, mtime, mtime, follow: false), "utimensat", path);
            }

            Finish(target, 0x1ED, null, follow: false);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or AgentOsFileSystemException or OperationCanceledException)
        {
            _root.Delete(target, recursive: true);
            throw e is EndOfStreamException or FormatException ? new InvalidDataException($"tar: the archive is corrupt or truncated ({e.Message}).", e) : e;
        }
    }

    private async Task ExtractAsync(TarEntry entry, string target, CancellationToken cancellationToken)
    {
        var name = entry.Name;
        if (name.Length > MaxNameLength || name.Contains('\0', StringComparison.Ordinal))
        {
            throw new InvalidDataException("tar: an entry name is too long or contains NUL.");
        }

        var parts = name.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(part => part != ".").ToArray();
        if (name.StartsWith('/') || parts.Contains(".."))
        {
            throw new InvalidDataException($"tar: entry \"{name}\" is absolute or climbs out with \"..\".");
        }

        if (parts.Length == 0)
        {
            return; // "./" itself.
        }

        var parent = target;
        foreach (var part in parts[..^1])
        {
            parent += "/" + part;
            EnsureDirectory(parent, name);
        }

        var path = parent + "/" + parts[^1];
        var permissions = (uint)entry.Mode & 0x3FF;
        var mtimeNs = (entry.ModificationTime - DateTimeOffset.UnixEpoch).Ticks * 100;
        switch (entry.EntryType)
        {
            case TarEntryType.Directory:
                EnsureDirectory(path, name);
                Finish(path, permissions, null, follow: false);
                _directories.Add((path, mtimeNs));
                break;
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                RemoveNonDirectory(path);
                Require(_vfs.Open(_root.Context, path, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Exclusive | OpenFlags.NoFollow, 0x180, out var file), "open", path);
                await using (var destination = new KernelFileStream(file, _root, path))
                {
                    if (entry.DataStream is { } data)
                    {
                        await data.CopyToAsync(destination, CopyBuffer, cancellationToken).ConfigureAwait(false);
                    }
                }

                Finish(path, permissions, mtimeNs, follow: true);
                break;
            case TarEntryType.SymbolicLink:
                RemoveNonDirectory(path);
                Require(_vfs.Symlink(_root.Context, entry.LinkName, path), "symlink", path);
                Finish(path, permissions, mtimeNs, follow: false);
                break;
            default:
                break; // Hard links, devices and FIFOs are not unpacked.
        }
    }

    /// <summary>A real directory at <paramref name="path"/> (created if missing); a symlink there is refused.</summary>
    private void EnsureDirectory(string path, string entryName)
    {
        var errno = _vfs.Stat(_root.Context, path, follow: false, out var stat);
        if (errno == Errno.ENOENT)
        {
            Require(_vfs.Mkdir(_root.Context, path, 0x1C0), "mkdir", path);
            Finish(path, 0x1ED, null, follow: false);
            return;
        }

        Require(errno, "stat", path);
        if (stat.FileType != FileType.Directory)
        {
            throw new InvalidDataException($"tar: entry \"{entryName}\" goes through \"{path}\", which is not a directory (a symlink-then-write archive?).");
        }
    }

    private void RemoveNonDirectory(string path)
    {
        var errno = _vfs.Stat(_root.Context, path, follow: false, out var stat);
        if (errno == Errno.Success)
        {
            Require(stat.FileType == FileType.Directory ? Errno.EISDIR : _vfs.Unlink(_root.Context, path), "unlink", path);
        }
    }

    private void Finish(string path, uint permissions, long? mtimeNs, bool follow)
    {
        Require(_vfs.Chown(_root.Context, path, _uid, _gid, follow), "chown", path);
        _vfs.Stat(_root.Context, path, follow: false, out var stat);
        if (stat.FileType != FileType.SymbolicLink)
        {
            Require(_vfs.Chmod(_root.Context, path, permissions, follow), "chmod", path);
        }

        if (mtimeNs is { } time)
        {
            Require(_vfs.SetTimes(_root.Context, path, time, time, follow), "utimensat", path);
        }
    }

    private void Require(Errno errno, string operation, string path)
    {
        if (errno != Errno.Success)
        {
            throw _root.Failure(errno, operation, path);
        }
    }
}
