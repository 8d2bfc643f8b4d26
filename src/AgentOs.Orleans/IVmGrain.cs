
namespace AgentOs.Orleans;

/// <summary>
/// One named AgentOs VM in an Orleans cluster (the grain key is the VM name, see <see cref="VmName"/>). The VM is
/// created on first use, keeps its filesystem between calls, is saved to the <c>agentos</c> grain storage after every
/// call that may have changed it (see <see cref="VmSavePolicy"/>) and on deactivation, and is restored from the last
/// saved state when it is activated again, on whichever silo placement chooses.
/// </summary>
[Alias("AgentOs.Orleans.IVmGrain")]
public interface IVmGrain : IGrainWithStringKey
{
    /// <summary>Creates the VM with <paramref name="settings"/> if it has never been created; an existing VM keeps
    /// its settings. Returns true when this call created it.</summary>
    [Alias("Create")]
    Task<bool> CreateAsync(VmSettings settings);

    /// <summary>Runs <paramref name="command"/> through <c>/bin/sh -c</c> and returns its exit status and output.
    /// Cancelling kills the command's process group at once (as <see cref="AgentOsVm.ExecAsync"/> does) and the call
    /// ends with <see cref="OperationCanceledException"/>; the VM takes the next call.</summary>
    /// <exception cref="VmFileSystemException">The working directory is unusable.</exception>
    /// <exception cref="VmSpawnException">The shell could not be started (e.g. the process limit).</exception>
    [Alias("Exec")]
    [ResponseTimeout("1.00:00:00")] // A command runs as long as its own timeout or the caller's cancellation allows, not Orleans' 30 s default.
    Task<VmExecResult> ExecAsync(string command, VmExecOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Runs <paramref name="command"/> through <c>/bin/sh -c</c>, yielding stdout/stderr chunks as the guest
    /// writes them and a last chunk with the exit status. Cancelling the enumeration, or leaving it early, interrupts
    /// the command as Ctrl-C in a terminal does: SIGINT to its process group, then after a second SIGKILL to whatever
    /// of it still runs.</summary>
    /// <exception cref="VmSpawnException">The shell could not be started (e.g. the process limit).</exception>
    [Alias("ExecStream")]
    IAsyncEnumerable<VmOutputChunk> ExecStreamAsync(string command, VmExecOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Reads a file of the VM.</summary>
    /// <exception cref="VmFileSystemException">No such file, or not readable.</exception>
    [Alias("ReadFile")]
    Task<byte[]> ReadFileAsync(string path);

    /// <summary>Reads the first <paramref name="maxBytes"/> bytes of a file of the VM (fewer when it is shorter).</summary>
    /// <exception cref="VmFileSystemException">No such file, or not readable.</exception>
    [Alias("ReadFileHead")]
    Task<byte[]> ReadFileHeadAsync(string path, int maxBytes);

    /// <summary>Creates or replaces a file of the VM (parent directories created); a write that fails (ENOSPC)
    /// leaves no file behind.</summary>
    /// <exception cref="VmFileSystemException">The VM refused.</exception>
    [Alias("WriteFile")]
    Task WriteFileAsync(string path, byte[] content);

    /// <summary>Lists a directory of the VM.</summary>
    /// <exception cref="VmFileSystemException">No such directory, or not a directory.</exception>
    [Alias("List")]
    Task<IReadOnlyList<VmFileEntry>> ListAsync(string path);

    /// <summary>The entry at <paramref name="path"/> (symlinks followed).</summary>
    /// <exception cref="VmFileSystemException">No such entry.</exception>
    [Alias("Stat")]
    Task<VmFileEntry> StatAsync(string path);

    /// <summary>The VM's working directory, the programs on its PATH and its main limits.</summary>
    [Alias("GetInfo")]
    Task<VmInfo> GetInfoAsync();

    /// <summary>Ends the VM for good: its processes are killed, its saved state is cleared and the grain deactivates.
    /// A later call creates a new, empty VM under the same name.</summary>
    [Alias("Delete")]
    Task DeleteAsync();

    /// <summary>The VM's name, the silo holding it, its limits and usage.</summary>
    [Alias("GetStatus")]
    Task<VmStatus> GetStatusAsync();
}
