using System.Globalization;
using AgentOs.Kernel.Fds;
using ModelContextProtocol.Protocol;
using AgentOs.Agents;

namespace AgentOs.Mcp.Tools;

/// <summary><c>read_file</c>: a file's content as text, or as a base64 resource when it is not UTF-8; capped.</summary>
internal sealed class ReadFileTool : VmTool
{
    private static readonly string[] Names = ["path"];

    public ReadFileTool(IMcpSessionVm vm, AgentOsMcpOptions options)
        : base(vm, options)
    {
        ProtocolTool = new Tool
        {
            Name = "read_file",
            Title = "Read a file in the VM",
            Description =
                $"Read a file of the VM's filesystem (not the user's machine). Text comes back as is; a file that is not " +
                $"UTF-8 comes back as a base64 resource. At most {options.MaxOutputBytes} bytes are returned, and a longer " +
                $"file is marked truncated (read the rest with exec, e.g. tail -c or sed -n). Relative paths start at " +
                $"{vm.WorkingDirectory}.",
            InputSchema = ToolResults.Parse($$"""
                {
                  "type": "object",
                  "properties": {
                    "path": { "type": "string", "description": "File path in the VM, absolute or relative to {{vm.WorkingDirectory}}." }
                  },
                  "required": ["path"],
                  "additionalProperties": false
                }
                """),
            Annotations = new ToolAnnotations { ReadOnlyHint = true, IdempotentHint = true, OpenWorldHint = false },
        };
    }

    public override Tool ProtocolTool { get; }

    protected override IReadOnlyCollection<string> ArgumentNames => Names;

    protected override async ValueTask<CallToolResult> CallAsync(ToolArguments arguments, CancellationToken cancellationToken)
    {
        string path = arguments.RequiredString("path");
        FileSystemEntry stat = await Vm.StatAsync(path, cancellationToken).ConfigureAwait(false);
        if (stat.Type == FileType.Directory)
        {
            throw new ToolArgumentException($"read_file: EISDIR: '{path}' is a directory (use list_directory)");
        }

        // One byte past the cap tells whether there is more (the stat size may be stale or 0 for special files).
        byte[] buffer = await Vm.ReadFileAsync(path, Options.MaxOutputBytes == int.MaxValue ? int.MaxValue : Options.MaxOutputBytes + 1, cancellationToken).ConfigureAwait(false);
        bool truncated = buffer.Length > Options.MaxOutputBytes;
        int length = Math.Min(buffer.Length, Options.MaxOutputBytes);

        string absolute = path.StartsWith('/') ? path : $"{Vm.WorkingDirectory.TrimEnd('/')}/{path}";
        string note = truncated
            ? string.Create(CultureInfo.InvariantCulture, $"[truncated: '{path}' has more than {Options.MaxOutputBytes} bytes ({stat.Size} in all); only the first {Options.MaxOutputBytes} are shown]")
            : string.Empty;
        if (AgentToolText.TryDecode(buffer.AsSpan(0, length), truncated, out string text))
        {
            return new CallToolResult { Content = [new TextContentBlock { Text = truncated ? $"{text}\n{note}" : text }] };
        }

        return new CallToolResult
        {
            Content =
            [
                new TextContentBlock { Text = string.Create(CultureInfo.InvariantCulture, $"'{path}' is binary (not UTF-8): {length} bytes as a base64 resource. {note}").TrimEnd() },
                new EmbeddedResourceBlock
                {
                    Resource = BlobResourceContents.FromBytes(buffer.AsMemory(0, length), new Uri("file://" + absolute).AbsoluteUri, "application/octet-stream"),
                },
            ],
        };
    }

}
