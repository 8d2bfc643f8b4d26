using AgentOs.Kernel;
using AgentOs.State;

namespace AgentOs;

public sealed partial class AgentOsVm
{
    /// <summary>The options the VM was created from (a state's recorded settings merged in).</summary>
    private AgentOsOptions Options { get; init; } = new();

    /// <summary>
    /// Writes the VM's whole state to <paramref name="destination"/> (left open): its filesystem — files,
    /// directories, symbolic links, hard links, device nodes, with modes, owners and times — its VM id and its
    /// configuration (software, limits, environment, working directory, user, network), in the versioned,
    /// checksummed format of docs/state-format.md. <see cref="AgentOsOptions.State"/> creates a VM from it.
    /// The filesystem is captured at the call, as one consistent copy-on-write snapshot, and written afterwards.
    /// Not saved: host mounts (their host directories are the source of truth; a mount point is saved as the
    /// directory it covers), installed packages (recreated from the software list), running processes, open
    /// descriptors and socket names.
    /// </summary>
    /// <exception cref="IOException">The destination cannot be written.</exception>
    public Task SaveStateAsync(Stream destination, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(destination);
        var snapshot = _kernel.FileSystem.Snapshot();
        var header = new StateHeader { VmId = Id, SavedAt = DateTimeOffset.UtcNow, Configuration = StateConfiguration.From(Options) };
        return Task.Run(() => StateWriter.WriteAsync(destination, header, snapshot, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Creates a new VM (with a new id) whose filesystem is a copy-on-write copy of this one's: taken at the call in
    /// time proportional to the number of inodes, not bytes (file contents are shared until either VM writes them).
    /// Afterwards the two are independent: a change in one is never seen in the other, and each counts the whole
    /// tree against its own limits. The fork has this VM's configuration; what <see cref="SaveStateAsync"/> leaves
    /// out (host mounts, processes) is not forked. Dispose the fork like any VM.
    /// </summary>
    /// <exception cref="Software.SoftwareException">The software cannot be mounted again.</exception>
    public Task<AgentOsVm> ForkAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var hostSide = new AgentOsOptions
        {
            CacheDirectory = Options.CacheDirectory,
            Registry = Options.Registry,
            Host = Options.Host,
            LoggerFactory = Options.LoggerFactory,
            MeterFactory = Options.MeterFactory,
        };
        var options = StateConfiguration.From(Options).MergeInto(hostSide, vmId: null);
        return CreateFromAsync(options, (kernel, _) =>
        {
            var result = _kernel.FileSystem.CopyInto(kernel.FileSystem);
            return result == Errno.Success
                ? Task.CompletedTask
                : throw new AgentOsStateException($"fork: the filesystem does not fit the fork's limits ({result}).");
        }, cancellationToken);
    }
}
