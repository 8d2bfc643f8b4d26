using System.Globalization;
using System.Text;
using ModelContextProtocol.Protocol;

namespace AgentOs.Mcp.Tools;

/// <summary><c>write_file</c>: creates or replaces a text file, creating missing parent directories.</summary>
internal sealed class WriteFileTool : VmTool
{
    private static readonly string[] Names = ["path", "content"];

    public WriteFileTool(IMcpSessionVm vm, AgentOsMcpOptions options)
        : base(vm, options)
    {
        ProtocolTool = new Tool
        {
            Name = "write_file",
            Title = "Write a file in the VM",
            Description =
                $"Create or replace a file in the VM's filesystem (not the user's machine) with the given text (UTF-8); " +
                $"missing parent directories are created; a write that fails leaves no file behind. The file stays for later calls of this session. Relative " +
                $"paths start at {vm.WorkingDirectory}. Writing fails with ENOSPC when the VM's filesystem budget " +
                $"(limits.resources.maxFilesystemBytes, {vm.Limits.MaxFilesystemBytes} bytes) is used up.",
            InputSchema = ToolResults.Parse($$"""
                {
                  "type": "object",
                  "properties": {
                    "path": { "type": "string", "description": "File path in the VM, absolute or relative to {{vm.WorkingDirectory}}." },
                    "content": { "type": "string", "description": "The file's complete new content." }
                  },
                  "required": ["path", "content"],
                  "additionalProperties": false
                }
                """),
            Annotations = new ToolAnnotations { ReadOnlyHint = false, DestructiveHint = true, IdempotentHint = true, OpenWorldHint = false },
        };
    }

    public override Tool ProtocolTool { get; }

    protected override IReadOnlyCollection<string> ArgumentNames => Names;

    protected override async ValueTask<CallToolResult> CallAsync(ToolArguments arguments, CancellationToken cancellationToken)
    {
        string path = arguments.RequiredString("path");
        string content = arguments.RequiredString("content");
        byte[] bytes = Encoding.UTF8.GetBytes(content);
        await Vm.WriteFileAsync(path, bytes, cancellationToken).ConfigureAwait(false);
        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = string.Create(CultureInfo.InvariantCulture, $"wrote {bytes.Length} bytes to '{path}'") }],
        };
    }
}
