using AgentOs.Kernel.Processes;
using AgentOs.Workspace;
using Microsoft.Extensions.Logging;

namespace AgentOs;

public sealed partial class AgentOsVm
{
    /// <summary>The host directory mounts, as validated (absolute host paths, canonical guest paths).</summary>
    public IReadOnlyList<HostMount> Mounts { get; private init; } = [];

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
        return Task.Run(() => new HostTreeExporter(RootFileSystem, mirror: false, cancellationToken).Export(guestPath, hostPath), cancellationToken);
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
        foreach (var mount in Mounts.Where(mount => mount.Mode == HostMountMode.ReadWrite))
        {
            new HostTreeExporter(root, mirror: true, cancellationToken).Export(mount.GuestPath, mount.HostPath);
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
