
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

    /// <summary>Runs <paramref name="command"/> through <c>/bin/sh -c</c> and returns its exit status and output.</summary>
    [Alias("Exec")]
    Task<VmExecResult> ExecAsync(string command, VmExecOptions? options = null);

    /// <summary>Runs <paramref name="command"/> through <c>/bin/sh -c</c>, yielding stdout/stderr chunks as the guest
    /// writes them and a last chunk with the exit status.</summary>
    [Alias("ExecStream")]
    IAsyncEnumerable<VmOutputChunk> ExecStreamAsync(string command, VmExecOptions? options = null);

    /// <summary>Reads a file of the VM.</summary>
    [Alias("ReadFile")]
    Task<byte[]> ReadFileAsync(string path);

    /// <summary>Creates or replaces a file of the VM (parent directories created).</summary>
    [Alias("WriteFile")]
    Task WriteFileAsync(string path, byte[] content);

    /// <summary>Lists a directory of the VM.</summary>
    [Alias("List")]
    Task<IReadOnlyList<VmFileEntry>> ListAsync(string path);

    /// <summary>The VM's name, the silo holding it, its limits and usage.</summary>
    [Alias("GetStatus")]
    Task<VmStatus> GetStatusAsync();
}
