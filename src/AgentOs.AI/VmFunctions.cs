using System.ComponentModel;
using System.Globalization;
using System.Text;
using AgentOs.Kernel.Fds;
using AgentOs.Agents;

namespace AgentOs.AI;

/// <summary>
/// The four functions' bodies, bound to one VM; <see cref="Microsoft.Extensions.AI.AIFunctionFactory"/> builds their
/// schemas from the parameters and <see cref="DescriptionAttribute"/>s. Every expected failure is returned as a
/// <see cref="FunctionError"/> so the model reads the errno instead of a generic "function failed".
/// </summary>
internal sealed class VmFunctions(AgentOsVm vm, AgentOsAIFunctionOptions options)
{

    public static string DescribeExec(AgentOsVm vm, AgentOsAIFunctionOptions options) => string.Create(CultureInfo.InvariantCulture,
        $"Run a shell command line with /bin/sh -c in a sandbox VM (an isolated POSIX-like system, not the user's machine) " +
        $"and return exitCode, stdout, stderr, timedOut and truncated. Each call is a new shell in {vm.WorkingDirectory}: " +
        $"files persist between calls, cd and variables do not. Commands available: {string.Join(' ', AgentToolText.Commands(vm))}. " +
        $"A command runs at most timeoutMs (default {(long)options.DefaultExecTimeout.TotalMilliseconds}), then it is killed; " +
        $"stdout and stderr are each cut after {options.MaxOutputBytes} bytes. Limits: {vm.Limits.MaxProcesses} processes, " +
        $"{vm.Limits.MaxFilesystemBytes} bytes of files, {vm.Limits.MaxMemoryBytes} bytes of memory; a limit shows as an errno such as EAGAIN or ENOSPC.");

    public async Task<object> ExecAsync(
        [Description("Shell command line, run as /bin/sh -c COMMAND, e.g. \"ls -la && wc -l notes.txt\".")] string command,
        [Description("Kill the command after this many milliseconds.")] long? timeoutMs = null,
        [Description("Working directory, absolute or relative to the VM's working directory.")] string? cwd = null,
        [Description("Text for the command's standard input (default: empty input).")] string? stdin = null,
        CancellationToken cancellationToken = default)
    {
        long maxMs = (long)options.MaxExecTimeout.TotalMilliseconds;
        if (string.IsNullOrWhiteSpace(command))
        {
            return new FunctionError("exec: 'command' is empty");
        }

        if (timeoutMs is { } ms && (ms < 1 || ms > maxMs))
        {
            return new FunctionError($"exec: 'timeoutMs' must be from 1 to {maxMs}, got {ms}");
        }

        try
        {
            if (cwd is not null && vm.FileSystem.Stat(cwd).FileType != FileType.Directory)
            {
                return new FunctionError($"exec: ENOTDIR: cwd '{cwd}' is not a directory");
            }

            ProcessResult result = await vm.ExecAsync(command, new ExecOptions
            {
                Cwd = cwd,
                StdinText = stdin,
                Timeout = timeoutMs is { } given ? TimeSpan.FromMilliseconds(given) : options.DefaultExecTimeout,
                MaxCapturedOutputBytes = options.MaxOutputBytes,
            }, cancellationToken).ConfigureAwait(false);
            return new ExecOutput(result.ExitCode, result.Stdout, result.Stderr, result.TimedOut, result.StdoutTruncated || result.StderrTruncated);
        }
        catch (AgentOsFileSystemException e)
        {
            return new FunctionError(e.Message);
        }
        catch (AgentOsSpawnException e)
        {
            return new FunctionError(e.LimitConfigPath is null ? $"{e.Errno}: {e.Message}" : $"{e.Errno}: {e.Message} (raise {e.LimitConfigPath})");
        }
    }

    public async Task<object> ReadFileAsync(
        [Description("File path in the VM, absolute or relative to the VM's working directory.")] string path,
        CancellationToken cancellationToken = default)
    {
        try
        {
            var stat = vm.FileSystem.Stat(path);
            if (stat.FileType == FileType.Directory)
            {
                return new FunctionError($"read_file: EISDIR: '{path}' is a directory (use list_directory)");
            }

            byte[] buffer = new byte[options.MaxOutputBytes];
            int length;
            Stream stream = vm.FileSystem.OpenRead(path);
            await using (stream.ConfigureAwait(false))
            {
                length = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            }

            bool truncated = stat.Size > length;
            return AgentToolText.TryDecode(buffer.AsSpan(0, length), truncated, out string text)
                ? new FileContent(path, text, "utf-8", stat.Size, truncated)
                : new FileContent(path, Convert.ToBase64String(buffer, 0, length), "base64", stat.Size, truncated);
        }
        catch (AgentOsFileSystemException e)
        {
            return new FunctionError(e.Message);
        }
    }

    public object WriteFile(
        [Description("File path in the VM, absolute or relative to the VM's working directory.")] string path,
        [Description("The file's complete new content (UTF-8 text).")] string content)
    {
        try
        {
            int slash = path.TrimEnd('/').LastIndexOf('/');
            if (slash > 0)
            {
                vm.FileSystem.CreateDirectory(path[..slash]);
            }

            byte[] bytes = Encoding.UTF8.GetBytes(content);
            try
            {
                vm.FileSystem.WriteAllBytes(path, bytes);
            }
            catch (AgentOsFileSystemException e) when (e.Operation == "write")
            {
                // A file cut short by ENOSPC would keep holding the budget the model is told ran out.
                vm.FileSystem.Delete(path);
                throw;
            }

            return new WriteResult(path, bytes.Length);
        }
        catch (AgentOsFileSystemException e)
        {
            return new FunctionError(e.Message);
        }
    }

    public object ListDirectory([Description("Directory path in the VM (default: the VM's working directory).")] string? path = null)
    {
        path ??= vm.WorkingDirectory;
        try
        {
            var all = vm.FileSystem.ReadDirectory(path);
            var entries = all.OrderBy(e => e.Name, StringComparer.Ordinal)
                .Take(options.MaxDirectoryEntries)
                .Select(e => new DirectoryEntryInfo(e.Name, AgentToolText.TypeName(e.Type), e.Size))
                .ToList();
            return new DirectoryListing(path, entries, all.Count > entries.Count);
        }
        catch (AgentOsFileSystemException e)
        {
            return new FunctionError(e.Message);
        }
    }

}
