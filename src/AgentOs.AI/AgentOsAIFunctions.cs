using System.Reflection;
using Microsoft.Extensions.AI;

namespace AgentOs.AI;

/// <summary>
/// The VM's tools for <see cref="IChatClient"/> tool calling: put them in <see cref="ChatOptions.Tools"/> and let a
/// <c>FunctionInvokingChatClient</c> (package Microsoft.Extensions.AI) run the model's calls. Failures inside the VM (a missing file, a limit
/// refusing, a bad argument) come back to the model as <c>{"error": "..."}</c> naming the errno or the limit's config
/// path, never as exceptions.
/// </summary>
public static class AgentOsAIFunctions
{
    /// <summary>
    /// <c>exec</c>, <c>read_file</c>, <c>write_file</c> and <c>list_directory</c> bound to <paramref name="vm"/>, whose
    /// files persist between calls. The caller keeps owning the VM; the descriptions name its commands and limits.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static IReadOnlyList<AIFunction> Create(AgentOsVm vm, AgentOsAIFunctionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(vm);
        options ??= new AgentOsAIFunctionOptions();
        options.Validate();
        var target = new VmFunctions(vm, options);
        return
        [
            Function(target, nameof(VmFunctions.ExecAsync), "exec", VmFunctions.DescribeExec(vm, options)),
            Function(target, nameof(VmFunctions.ReadFileAsync), "read_file",
                $"Read a file of the sandbox VM (not the user's machine). At most {options.MaxOutputBytes} bytes come back (truncated is then true); " +
                $"a file that is not UTF-8 comes back as base64. Relative paths start at {vm.WorkingDirectory}."),
            Function(target, nameof(VmFunctions.WriteFile), "write_file",
                $"Create or replace a text file in the sandbox VM, creating missing parent directories; it stays for later calls. " +
                $"Fails with ENOSPC past the VM's file budget (limits.resources.maxFilesystemBytes, {vm.Limits.MaxFilesystemBytes} bytes). " +
                $"Relative paths start at {vm.WorkingDirectory}."),
            Function(target, nameof(VmFunctions.ListDirectory), "list_directory",
                $"List a directory of the sandbox VM: names, types and sizes, sorted by name (at most {options.MaxDirectoryEntries}). " +
                $"Without a path, {vm.WorkingDirectory}."),
        ];
    }

    private static AIFunction Function(VmFunctions target, string method, string name, string description) =>
        AIFunctionFactory.Create(
            typeof(VmFunctions).GetMethod(method, BindingFlags.Instance | BindingFlags.Public)!,
            target,
            new AIFunctionFactoryOptions { Name = name, Description = description });
}
