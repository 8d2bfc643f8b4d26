using System.Globalization;
using System.Text;

namespace AgentOs.Mcp;

/// <summary>
/// What the model is told about the VM: the server instructions and the <c>exec</c> description, built from the VM
/// itself (installed commands, limits) so they stay true for every <c>--software</c> and limit choice.
/// </summary>
internal static class VmDescription
{
    public static string Instructions(IMcpSessionVm vm) =>
        $"This server gives you one AgentOs VM for this session: an isolated POSIX-like sandbox (a virtual kernel " +
        $"running WebAssembly programs), not the user's machine and not Linux. Files and directories persist between " +
        $"calls of this session (each exec is a new shell, so cd and variables do not) and are discarded when the " +
        $"session ends. The working directory is {vm.WorkingDirectory}. Use exec for shell commands and read_file, " +
        $"write_file and list_directory for files.";

    public static string Exec(IMcpSessionVm vm, AgentOsMcpOptions options)
    {
        var limits = vm.Limits;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"Run a shell command line in this session's AgentOs VM (an isolated sandbox, not the user's machine) with " +
            $"/bin/sh -c and return its exit code, stdout and stderr. Each call starts a new shell in {vm.WorkingDirectory} " +
            $"(or cwd): files persist between calls, cd and shell variables do not. ");
        text.Append("Only these commands exist (no package manager, compilers or interpreters beyond them): ")
            .AppendJoin(' ', vm.Commands)
            .Append(". ");
        text.Append(CultureInfo.InvariantCulture,
            $"A command runs at most timeoutMs (default {(long)options.DefaultExecTimeout.TotalMilliseconds} ms, at most " +
            $"{(long)options.MaxExecTimeout.TotalMilliseconds}); then all its processes are killed, timedOut is true and " +
            $"the VM stays usable. stdout and stderr are each cut after {options.MaxOutputBytes} bytes (truncated is " +
            $"then true): redirect large output to a file and read it in parts. ");
        text.Append(CultureInfo.InvariantCulture,
            $"Limits: {limits.MaxProcesses} processes (limits.resources.maxProcesses), {limits.MaxFilesystemBytes} bytes " +
            $"of files (limits.resources.maxFilesystemBytes), {limits.MaxMemoryBytes} bytes of memory " +
            $"(limits.resources.maxMemoryBytes), {limits.MaxCpuCores.ToString(CultureInfo.InvariantCulture)} CPU cores " +
            $"(limits.resources.maxCpuCores); a limit that refuses shows as an errno such as EAGAIN or ENOSPC. ");
        text.Append(options.AllowedHosts.Count == 0
            ? "There is no network access outside the VM."
            : $"Network access outside the VM is allowed only to: {string.Join(", ", options.AllowedHosts)}.");
        return text.ToString();
    }

}
