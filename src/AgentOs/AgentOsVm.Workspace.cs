using AgentOs.Kernel.Processes;
using AgentOs.Workspace;
using Microsoft.Extensions.Logging;

namespace AgentOs;

public sealed partial class AgentOsVm
{
    /// <summary>The host directory mounts, as validated (absolute host paths, canonical guest paths).</summary>
    public IReadOnlyList<HostMount> Mounts { get; private init; } = [];

    /// <summary>Per mount, the host paths copied in: the only host entries a write-back may delete.</summary>
    private IReadOnlyList<IReadOnlySet<string>> MountImports { get; init; } = [];

    /// <summary>
    /// Copies a host file or directory tree into the VM at <paramref name="guestPath"/> (a directory's entries are
    /// merged into an existing directory). Modes and mtimes are kept, the VM user owns the copies, symbolic links stay
    /// links, and host devices, FIFOs and sockets are skipped. The bytes count against the VM's limits.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The host path does not exist.</exception>
    /// <exception cref="AgentOsFileSystemException">A guest path cannot be written (ENOSPC when a limit runs out).</exception>
    public Task CopyInAsync(string hostPath, string guestPath, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        ArgumentException.ThrowIfNullOrEmpty(hostPath);
        ArgumentException.ThrowIfNullOrEmpty(guestPath);
        return Task.Run(() => new HostTreeImporter(RootFileSystem, _credentials.Uid, _credentials.Gid, cancellationToken).Import(hostPath, guestPath), cancellationToken);
    }

    /// <summary>
    /// Copies a VM file or directory tree to <paramref name="hostPath"/> (merged into an existing host directory).
    /// Modes, mtimes and symbolic links are kept; a host entry in the way is replaced, a host symbolic link is never
    /// written through.
    /// </summary>
    /// <exception cref="AgentOsFileSystemException">The guest path does not resolve or cannot be read.</exception>
    /// <exception cref="IOException">The host path cannot be written.</exception>
    public Task CopyOutAsync(string guestPath, string hostPath, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        ArgumentException.ThrowIfNullOrEmpty(guestPath);
        ArgumentException.ThrowIfNullOrEmpty(hostPath);
        return Task.Run(() => new HostTreeExporter(RootFileSystem, mirrorOf: null, cancellationToken).Export(guestPath, hostPath), cancellationToken);
    }

    /// <summary>
    /// Unpacks a tar stream (gzip-compressed when <paramref name="gzip"/>) into the new directory
    /// <paramref name="guestDirectory"/>. Modes, mtimes and symbolic links are kept; the VM user owns everything;
    /// hard links, devices and FIFOs are skipped. Absolute names, names climbing with "..", and entries reaching
    /// through a symbolic link are refused. On any failure the directory is removed, leaving the VM as it was.
    /// </summary>
    /// <exception cref="InvalidDataException">The archive is corrupt, truncated or hostile.</exception>
    /// <exception cref="AgentOsFileSystemException">The directory exists already (EEXIST) or a limit ran out (ENOSPC).</exception>
    public Task ImportTarAsync(Stream archive, string guestDirectory, bool gzip = false, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentException.ThrowIfNullOrEmpty(guestDirectory);
        if (!guestDirectory.StartsWith('/'))
        {
            throw new ArgumentException($"\"{guestDirectory}\" is not an absolute VM path.", nameof(guestDirectory));
        }

        return Task.Run(() => new TarImporter(RootFileSystem, _credentials.Uid, _credentials.Gid).ImportAsync(archive, gzip, guestDirectory, cancellationToken), cancellationToken);
    }

    /// <summary>Writes the VM file or tree at <paramref name="guestPath"/> to <paramref name="destination"/> as a PAX tar
    /// (gzip-compressed when <paramref name="gzip"/>), names relative to the tree, with modes, owners, mtimes and
    /// symbolic links; files are streamed. The destination stays open.</summary>
    /// <exception cref="AgentOsFileSystemException">The tree cannot be read.</exception>
    public Task ExportTarAsync(string guestPath, Stream destination, bool gzip = false, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentException.ThrowIfNullOrEmpty(guestPath);
        return Task.Run(async () =>
        {
            await using var compressed = gzip ? new System.IO.Compression.GZipStream(destination, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true) : null;
            await using var writer = new System.Formats.Tar.TarWriter(compressed ?? destination, System.Formats.Tar.TarEntryFormat.Pax, leaveOpen: true);
            await new TarExporter(RootFileSystem).ExportAsync(guestPath, writer, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>Writes the read-write mounts back to their host directories now: each host directory becomes a copy
    /// of the VM's tree (new and changed entries written, removed ones deleted; unchanged files untouched).</summary>
    /// <exception cref="IOException">A host entry cannot be written.</exception>
    public Task SyncMountsAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return SyncCoreAsync(cancellationToken);
    }

    private Task SyncCoreAsync(CancellationToken cancellationToken) => Task.Run(() =>
    {
        var root = new AgentOsFileSystem(_kernel, Credentials.Root, "/");
        for (var i = 0; i < Mounts.Count; i++)
        {
            if (Mounts[i].Mode == HostMountMode.ReadWrite)
            {
                new HostTreeExporter(root, MountImports[i], cancellationToken).Export(Mounts[i].GuestPath, Mounts[i].HostPath);
            }
        }
    }, cancellationToken);

    private async Task WriteBackMountsAsync()
    {
        try
        {
            await SyncCoreAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or AgentOsFileSystemException)
        {
            LogWriteBackFailed(_logger, e, Id);
        }
    }

    [LoggerMessage(EventId = 110, Level = LogLevel.Error, Message = "vm {VmId}: read-write mounts could not be written back to the host")]
    private static partial void LogWriteBackFailed(ILogger logger, Exception exception, string vmId);
}
