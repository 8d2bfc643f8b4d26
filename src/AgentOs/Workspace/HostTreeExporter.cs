using AgentOs.Kernel;
using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Vfs;

namespace AgentOs.Workspace;

/// <summary>
/// Copies a VM file or tree to the host (copy-out, write-back of read-write mounts). Directories, regular files and
/// symbolic links are copied (links as links, never followed); devices, FIFOs and sockets are left out. Modes and
/// mtimes are kept. A host entry in the way is removed first — a host symlink is unlinked, never written through —
/// so nothing lands outside the target. When mirroring (write-back of a mount), host entries that were copied in
/// and are gone from the VM tree are deleted — nothing the VM never saw (FIFOs, files created on the host meanwhile) —
/// and files whose size and mtime match are left alone.
/// </summary>
internal sealed class HostTreeExporter
{
    private const int MaxDepth = 256;
    private const int CopyBuffer = 1 << 20;

    private readonly AgentOsFileSystem _root;
    private readonly VirtualFileSystem _vfs;
    private readonly IReadOnlySet<string>? _mirrorOf;
    private readonly CancellationToken _cancellationToken;
    private byte[]? _buffer;

    /// <param name="root">The VM's filesystem seen as root.</param>
    /// <param name="mirrorOf">For a write-back, the host paths the mount imported; null for a plain copy-out.</param>
    /// <param name="cancellationToken">Stops the copy between entries and chunks.</param>
    public HostTreeExporter(AgentOsFileSystem root, IReadOnlySet<string>? mirrorOf, CancellationToken cancellationToken)
    {
        _root = root;
        _vfs = root.VmKernel.FileSystem;
        _mirrorOf = mirrorOf;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Copies <paramref name="guestPath"/> (followed if a link) to <paramref name="hostPath"/>.</summary>
    /// <exception cref="AgentOsFileSystemException">The guest path does not resolve.</exception>
    public void Export(string guestPath, string hostPath)
    {
        var stat = _root.Stat(guestPath);
        CopyEntry(guestPath, hostPath, stat.FileType, depth: 0, follow: true);
    }

    private void CopyEntry(string guestPath, string hostPath, FileType type, int depth, bool follow)
    {
        var existing = HostFiles.TryLstat(hostPath, out var host) ? host : (HostStatus?)null;
        if (type == FileType.Directory)
        {
            if (existing is { IsDirectory: false })
            {
                File.Delete(hostPath);
                existing = null;
            }

            if (existing is null)
            {
                Directory.CreateDirectory(hostPath);
            }

            CopyDirectory(guestPath, hostPath, depth);
            SetAttributes(guestPath, hostPath, follow);
            return;
        }

        if (type is not (FileType.RegularFile or FileType.SymbolicLink))
        {
            return; // Devices, FIFOs and sockets of the VM stay in the VM.
        }

        var stat = _root.Stat(guestPath, follow);
        if (type == FileType.RegularFile && _mirrorOf is not null && existing is { IsRegular: true } same
            && same.ModifyTimeNs == stat.ModifyTimeNs && new FileInfo(hostPath).Length == stat.Size)
        {
            return; // Unchanged since it was imported.
        }

        if (existing is { IsDirectory: true })
        {
            Directory.Delete(hostPath, recursive: true);
        }
        else if (existing is not null)
        {
            File.Delete(hostPath);
        }

        if (type == FileType.SymbolicLink)
        {
            Require(_vfs.ReadLink(_root.Context, guestPath, out var target), "readlink", guestPath);
            File.CreateSymbolicLink(hostPath, target);
            return;
        }

        // CreateNew: a link someone raced into the freed name makes this fail instead of writing through it.
        using (var destination = new FileStream(hostPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
        using (var source = _root.OpenRead(guestPath))
        {
            _buffer ??= new byte[CopyBuffer];
            int read;
            while ((read = source.Read(_buffer)) > 0)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                destination.Write(_buffer, 0, read);
            }
        }

        SetAttributes(guestPath, hostPath, follow: true);
    }

    private void CopyDirectory(string guestPath, string hostPath, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new IOException($"{guestPath}: more than {MaxDepth} nested directories.");
        }

        var entries = _root.ReadDirectory(guestPath);
        foreach (var entry in entries)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            CopyEntry(entry.Path, Path.Join(hostPath, entry.Name), entry.Type, depth + 1, follow: false);
        }

        if (_mirrorOf is null)
        {
            return;
        }

        var kept = entries.Select(entry => entry.Name).ToHashSet(StringComparer.Ordinal);
        var stales = Directory.EnumerateFileSystemEntries(hostPath)
            .Where(path => !kept.Contains(Path.GetFileName(path)) && _mirrorOf.Contains(path))
            .ToList();
        foreach (var stale in stales)
        {
            if (HostFiles.TryLstat(stale, out var status) && status.IsDirectory)
            {
                Directory.Delete(stale, recursive: true);
            }
            else
            {
                File.Delete(stale);
            }
        }
    }

    private void SetAttributes(string guestPath, string hostPath, bool follow)
    {
        var stat = _root.Stat(guestPath, follow);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(hostPath, (UnixFileMode)(stat.Mode & 0x1FF));
        }

        var mtime = DateTime.UnixEpoch.AddTicks(stat.ModifyTimeNs / 100);
        if (stat.FileType == FileType.Directory)
        {
            Directory.SetLastWriteTimeUtc(hostPath, mtime);
        }
        else
        {
            File.SetLastWriteTimeUtc(hostPath, mtime);
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
