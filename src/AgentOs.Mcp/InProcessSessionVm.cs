using AgentOs.Agents;

namespace AgentOs.Mcp;

/// <summary>A session VM that is an <see cref="AgentOsVm"/> of this process.</summary>
internal sealed class InProcessSessionVm(AgentOsVm vm, bool ownsVm) : IMcpSessionVm
{
    public string Name => vm.Id;

    public string WorkingDirectory => vm.WorkingDirectory;

    // Read once: the tools' descriptions are built once per session.
    public IReadOnlyCollection<string> Commands { get; } = AgentToolText.Commands(vm);

    public McpVmLimits Limits { get; } = new(vm.Limits.MaxProcesses, vm.Limits.MaxFilesystemBytes, vm.Limits.MaxMemoryBytes, vm.Limits.MaxCpuCores);

    public async Task<McpExecResult> ExecAsync(string command, ExecOptions options, CancellationToken cancellationToken)
    {
        ProcessResult result = await vm.ExecAsync(command, options, cancellationToken).ConfigureAwait(false);
        return new McpExecResult(result.ExitCode, result.Stdout, result.StdoutTruncated, result.Stderr, result.StderrTruncated, result.TimedOut);
    }

    public Task<FileSystemEntry> StatAsync(string path, CancellationToken cancellationToken)
    {
        var stat = vm.FileSystem.Stat(path);
        return Task.FromResult(new FileSystemEntry(path, Path.GetFileName(path.TrimEnd('/')), stat.FileType, stat.Size));
    }

    public async Task<byte[]> ReadFileAsync(string path, int maxBytes, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[maxBytes];
        int length;
        Stream stream = vm.FileSystem.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            length = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        }

        return length == buffer.Length ? buffer : buffer[..length];
    }

    public Task WriteFileAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        int slash = path.TrimEnd('/').LastIndexOf('/');
        if (slash > 0)
        {
            vm.FileSystem.CreateDirectory(path[..slash]);
        }

        try
        {
            vm.FileSystem.WriteAllBytes(path, content);
        }
        catch (AgentOsFileSystemException e) when (e.Operation == "write")
        {
            // A file cut short by ENOSPC would keep holding the budget the model is told ran out.
            vm.FileSystem.Delete(path);
            throw;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<FileSystemEntry>> ReadDirectoryAsync(string path, CancellationToken cancellationToken) =>
        Task.FromResult(vm.FileSystem.ReadDirectory(path));

    public ValueTask DisposeAsync() => ownsVm ? vm.DisposeAsync() : ValueTask.CompletedTask;
}
