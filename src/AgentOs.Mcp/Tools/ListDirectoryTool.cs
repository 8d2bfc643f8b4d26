using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using AgentOs.Kernel.Fds;
using ModelContextProtocol.Protocol;
using AgentOs.Agents;

namespace AgentOs.Mcp.Tools;

/// <summary><c>list_directory</c>: a directory's entries with their types and sizes, sorted by name, capped.</summary>
internal sealed class ListDirectoryTool : VmTool
{
    private static readonly string[] Names = ["path"];

    public ListDirectoryTool(IMcpSessionVm vm, AgentOsMcpOptions options)
        : base(vm, options)
    {
        ProtocolTool = new Tool
        {
            Name = "list_directory",
            Title = "List a directory in the VM",
            Description =
                $"List a directory of the VM's filesystem (not the user's machine): each entry's name, type (file, " +
                $"directory, symlink, …) and size in bytes, sorted by name; at most {options.MaxDirectoryEntries} entries. " +
                $"Relative paths start at {vm.WorkingDirectory} (the default).",
            InputSchema = ToolResults.Parse($$"""
                {
                  "type": "object",
                  "properties": {
                    "path": { "type": "string", "description": "Directory path in the VM, absolute or relative to {{vm.WorkingDirectory}} (default)." }
                  },
                  "additionalProperties": false
                }
                """),
            OutputSchema = ToolResults.Parse("""
                {
                  "type": "object",
                  "properties": {
                    "path": { "type": "string" },
                    "entries": {
                      "type": "array",
                      "items": {
                        "type": "object",
                        "properties": {
                          "name": { "type": "string" },
                          "type": { "type": "string", "enum": ["file", "directory", "symlink", "chardev", "blockdev", "fifo", "socket", "unknown"] },
                          "size": { "type": "integer" }
                        },
                        "required": ["name", "type", "size"]
                      }
                    },
                    "truncated": { "type": "boolean", "description": "Whether entries past the cap were left out." }
                  },
                  "required": ["path", "entries", "truncated"]
                }
                """),
            Annotations = new ToolAnnotations { ReadOnlyHint = true, IdempotentHint = true, OpenWorldHint = false },
        };
    }

    public override Tool ProtocolTool { get; }

    protected override IReadOnlyCollection<string> ArgumentNames => Names;

    protected override async ValueTask<CallToolResult> CallAsync(ToolArguments arguments, CancellationToken cancellationToken)
    {
        string path = arguments.OptionalString("path") ?? Vm.WorkingDirectory;
        var all = await Vm.ReadDirectoryAsync(path, cancellationToken).ConfigureAwait(false);
        var shown = all.OrderBy(e => e.Name, StringComparer.Ordinal).Take(Options.MaxDirectoryEntries).ToList();
        var text = new StringBuilder();
        var entries = new JsonArray();
        foreach (FileSystemEntry entry in shown)
        {
            string type = AgentToolText.TypeName(entry.Type);
            text.Append(CultureInfo.InvariantCulture, $"{type,-9} {entry.Size,12} {entry.Name}{(entry.Type == FileType.Directory ? "/" : string.Empty)}\n");
            entries.Add(new JsonObject { ["name"] = entry.Name, ["type"] = type, ["size"] = entry.Size });
        }

        bool truncated = all.Count > shown.Count;
        if (all.Count == 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"'{path}' is empty\n");
        }
        else if (truncated)
        {
            text.Append(CultureInfo.InvariantCulture, $"[truncated: {all.Count} entries, only the first {shown.Count} by name are shown]\n");
        }

        return ToolResults.Structured(text.ToString(), new JsonObject
        {
            ["path"] = path,
            ["entries"] = entries,
            ["truncated"] = truncated,
        });
    }

}
