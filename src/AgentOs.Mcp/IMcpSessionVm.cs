namespace AgentOs.Mcp;

/// <summary>
/// The VM one MCP session's tools act on. <see cref="McpSessionVm.Of"/> wraps an in-process <see cref="AgentOsVm"/>;
/// other hosts (a VM grain of an Orleans cluster, say) implement it to serve the same tools with the same names,
/// schemas, results and error texts over a VM that lives elsewhere.
/// </summary>
/// <remarks>
/// Failures the model should read are thrown as <see cref="AgentOsFileSystemException"/> (an errno on a path) or
/// <see cref="AgentOsSpawnException"/> (a process refused); the tools turn them into results with <c>isError</c>.
/// <see cref="IAsyncDisposable.DisposeAsync"/> ends the VM when its session ends.
/// </remarks>
public interface IMcpSessionVm : IAsyncDisposable
{
    /// <summary>What the logs call the VM (its id or name).</summary>
    string Name { get; }

    /// <summary>Where relative paths and commands start.</summary>
    string WorkingDirectory { get; }

    /// <summary>The program names on the VM's PATH, sorted; the <c>exec</c> description lists them.</summary>
    IReadOnlyCollection<string> Commands { get; }

    /// <summary>The limits the tool descriptions name.</summary>
    McpVmLimits Limits { get; }

    /// <summary>Runs <paramref name="command"/> with <c>/bin/sh -c</c>, output captured up to
    /// <see cref="ExecOptions.MaxCapturedOutputBytes"/> per stream, killed at <see cref="ExecOptions.Timeout"/>.</summary>
    /// <exception cref="OperationCanceledException">Cancelled; the command's processes were killed.</exception>
    /// <exception cref="AgentOsFileSystemException">The working directory is unusable.</exception>
    /// <exception cref="AgentOsSpawnException">The shell could not be started (e.g. the process limit).</exception>
    Task<McpExecResult> ExecAsync(string command, ExecOptions options, CancellationToken cancellationToken);

    /// <summary>The entry at <paramref name="path"/> (symlinks followed).</summary>
    /// <exception cref="AgentOsFileSystemException">No such entry, or not reachable.</exception>
    Task<FileSystemEntry> StatAsync(string path, CancellationToken cancellationToken);

    /// <summary>The first <paramref name="maxBytes"/> bytes of a file (fewer when it is shorter).</summary>
    /// <exception cref="AgentOsFileSystemException">No such file, or not readable.</exception>
    Task<byte[]> ReadFileAsync(string path, int maxBytes, CancellationToken cancellationToken);

    /// <summary>Creates or replaces a file, creating missing parent directories; a write that fails (ENOSPC) leaves
    /// no file behind, so it does not keep holding the budget the model is told ran out.</summary>
    /// <exception cref="AgentOsFileSystemException">The VM refused (ENOSPC, ENOTDIR, …).</exception>
    Task WriteFileAsync(string path, byte[] content, CancellationToken cancellationToken);

    /// <summary>The entries of a directory, in no particular order.</summary>
    /// <exception cref="AgentOsFileSystemException">No such directory, or not a directory.</exception>
    Task<IReadOnlyList<FileSystemEntry>> ReadDirectoryAsync(string path, CancellationToken cancellationToken);
}
