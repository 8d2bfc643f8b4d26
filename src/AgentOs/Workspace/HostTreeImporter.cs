using AgentOs.Kernel;
using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Vfs;

namespace AgentOs.Workspace;

/// <summary>
/// Copies a host file or tree into the VM (mounts, copy-in). Only what lstat calls a directory, regular file or
/// symbolic link is taken; devices, FIFOs and sockets are never opened. Symbolic links are copied as links, so their
/// targets resolve in the VM's namespace only. Modes (without set-id bits) and mtimes are kept; everything is owned
/// by the VM user. Guest writes go through the kernel with root's identity, so the VM's byte and inode budgets apply
/// (ENOSPC surfaces as <see cref="AgentOsFileSystemException"/>). A guest symlink in the way is replaced, never
/// followed, so nothing lands outside the target.
/// </summary>
internal sealed class HostTreeImporter
{
    private const int MaxDepth = 256;
    private const int CopyBuffer = 1 << 20;

    private readonly AgentOsFileSystem _root;
    private readonly VirtualFileSystem _vfs;
    private readonly uint _uid;
    private readonly uint _gid;
    private readonly CancellationToken _cancellationToken;
    private byte[]? _buffer;

    public HostTreeImporter(AgentOsFileSystem root, uint uid, uint gid, CancellationToken cancellationToken, ISet<string>? imported = null)
    {
        Imported = imported;
        _root = root;
        _vfs = root.VmKernel.FileSystem;
        _uid = uid;
        _gid = gid;
        _cancellationToken = cancellationToken;
    }

    /// <summary>When set, receives the host path of every entry copied in (what a mirroring write-back may delete).</summary>
    public ISet<string>? Imported { get; }

    /// <summary>Copies <paramref name="hostPath"/> (a file, link or directory) to <paramref name="guestPath"/>; a
    /// directory's entries are merged into an existing guest directory.</summary>
    /// <exception cref="DirectoryNotFoundException">The host path does not exist.</exception>
    public void Import(string hostPath, string guestPath)
    {
        if (!HostFiles.TryLstat(hostPath, out var status))
        {
            throw new DirectoryNotFoundException($"{hostPath}: no such file or directory on the host.");
        }

        if (status.IsDirectory)
        {
            _root.CreateDirectory(guestPath);
            CopyDirectory(hostPath, guestPath, status, depth: 0);
        }
        else
        {
            CopyEntry(hostPath, guestPath, status, depth: 0);
        }
    }

    private void CopyDirectory(string hostPath, string guestPath, HostStatus status, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new IOException($"{hostPath}: more than {MaxDepth} nested directories.");
        }

        var names = Directory.EnumerateFileSystemEntries(hostPath).Select(Path.GetFileName).ToList();
        names.Sort(StringComparer.Ordinal);
        foreach (var name in names)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var child = Path.Join(hostPath, name);
            if (HostFiles.TryLstat(child, out var childStatus))
            {
                CopyEntry(child, guestPath.TrimEnd('/') + "/" + name, childStatus, depth + 1);
            }
        }

        Finish(guestPath, status, follow: true);
    }

    private void CopyEntry(string hostPath, string guestPath, HostStatus status, int depth)
    {
        if (status.IsDirectory || status.IsRegular || status.IsSymlink)
        {
            Imported?.Add(hostPath);
        }

        var existing = _vfs.Stat(_root.Context, guestPath, follow: false, out var guest) == Errno.Success ? guest.FileType : (FileType?)null;
        if (status.IsDirectory)
        {
            if (existing is not null and not FileType.Directory)
            {
                Require(_vfs.Unlink(_root.Context, guestPath), "unlink", guestPath);
                existing = null;
            }

            if (existing is null)
            {
                Require(_vfs.Mkdir(_root.Context, guestPath, 0x1C0), "mkdir", guestPath);
            }

            CopyDirectory(hostPath, guestPath, status, depth);
            return;
        }

        if (!status.IsRegular && !status.IsSymlink)
        {
            return; // Devices, FIFOs and sockets stay on the host.
        }

        if (existing == FileType.Directory)
        {
            throw _root.Failure(Errno.EISDIR, "copy", guestPath);
        }

        if (existing is not null)
        {
            Require(_vfs.Unlink(_root.Context, guestPath), "unlink", guestPath);
        }

        if (status.IsSymlink)
        {
            var target = new FileInfo(hostPath).LinkTarget;
            if (target is null)
            {
                return; // Replaced since it was listed.
            }

            Require(_vfs.Symlink(_root.Context, target, guestPath), "symlink", guestPath);
            Finish(guestPath, status, follow: false);
            return;
        }

        using var handle = HostFiles.OpenRegular(hostPath);
        if (handle is null)
        {
            return; // Replaced by something that is not a regular file since the lstat.
        }

        var flags = OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Exclusive | OpenFlags.NoFollow;
        Require(_vfs.Open(_root.Context, guestPath, flags, 0x180, out var file), "open", guestPath);
        using (var destination = new KernelFileStream(file, _root, guestPath))
        using (var source = new FileStream(handle, FileAccess.Read, bufferSize: 0))
        {
            _buffer ??= new byte[CopyBuffer];
            int read;
            while ((read = source.Read(_buffer)) > 0)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                destination.Write(_buffer, 0, read);
            }
        }

        Finish(guestPath, status, follow: true);
    }

    // Owner, mode and times last: the mode may forbid writing and a write would move the mtime.
    private void Finish(string guestPath, HostStatus status, bool follow)
    {
        Require(_vfs.Chown(_root.Context, guestPath, _uid, _gid, follow), "chown", guestPath);
        if (follow)
        {
            Require(_vfs.Chmod(_root.Context, guestPath, status.Permissions, follow: true), "chmod", guestPath);
        }

        Require(_vfs.SetTimes(_root.Context, guestPath, status.ModifyTimeNs, status.ModifyTimeNs, follow), "utimensat", guestPath);
    }

    private void Require(Errno errno, string operation, string path)
    {
        if (errno != Errno.Success)
        {
            throw _root.Failure(errno, operation, path);
        }
    }
}
