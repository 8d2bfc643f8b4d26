using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using AgentOs.Kernel.Fds;
using ModelContextProtocol.Protocol;

namespace AgentOs.Mcp.Tools;

/// <summary><c>exec</c>: a shell command line in the VM, its output captured and capped, a timeout that kills it.</summary>
internal sealed class ExecTool : VmTool
{
    private static readonly string[] Names = ["command", "timeoutMs", "cwd", "stdin"];

    public ExecTool(IMcpSessionVm vm, AgentOsMcpOptions options, string description)
        : base(vm, options)
    {
        long maxMs = (long)options.MaxExecTimeout.TotalMilliseconds;
        ProtocolTool = new Tool
        {
            Name = "exec",
            Title = "Run a shell command in the VM",
            Description = description,
            InputSchema = ToolResults.Parse($$"""
                {
                  "type": "object",
                  "properties": {
                    "command": { "type": "string", "description": "Shell command line, run as /bin/sh -c COMMAND, e.g. \"ls -la && wc -l notes.txt\"." },
                    "timeoutMs": { "type": "integer", "minimum": 1, "maximum": {{maxMs}}, "description": "Kill the command after this many milliseconds (default {{(long)options.DefaultExecTimeout.TotalMilliseconds}})." },
                    "cwd": { "type": "string", "description": "Working directory, absolute or relative to {{vm.WorkingDirectory}} (the default)." },
                    "stdin": { "type": "string", "description": "Text for the command's standard input, which is closed after it (default: empty input)." }
                  },
                  "required": ["command"],
                  "additionalProperties": false
                }
                """),
            OutputSchema = ToolResults.Parse("""
                {
                  "type": "object",
                  "properties": {
                    "exitCode": { "type": "integer", "description": "The shell's exit status; 128+N when signal N ended it (137 after a timeout kill)." },
                    "stdout": { "type": "string", "description": "Standard output (UTF-8), at most the output cap." },
                    "stderr": { "type": "string", "description": "Standard error (UTF-8), at most the output cap." },
                    "timedOut": { "type": "boolean", "description": "Whether the timeout ran out and the command was killed." },
                    "truncated": { "type": "boolean", "description": "Whether stdout or stderr went past the output cap (the rest was dropped)." }
                  },
                  "required": ["exitCode", "stdout", "stderr", "timedOut", "truncated"]
                }
                """),
            Annotations = new ToolAnnotations
            {
                ReadOnlyHint = false,
                DestructiveHint = true,
                IdempotentHint = false,
                OpenWorldHint = options.AllowedHosts.Count > 0,
            },
        };
    }

    public override Tool ProtocolTool { get; }

    protected override IReadOnlyCollection<string> ArgumentNames => Names;

    protected override async ValueTask<CallToolResult> CallAsync(ToolArguments arguments, CancellationToken cancellationToken)
    {
        string command = arguments.RequiredString("command");
        if (string.IsNullOrWhiteSpace(command))
        {
            throw new ToolArgumentException("exec: 'command' is empty");
        }

        long? timeoutMs = arguments.OptionalInteger("timeoutMs", 1, (long)Options.MaxExecTimeout.TotalMilliseconds);
        TimeSpan timeout = timeoutMs is { } ms ? TimeSpan.FromMilliseconds(ms) : Options.DefaultExecTimeout;
        string? cwd = arguments.OptionalString("cwd");
        if (cwd is not null && (await Vm.StatAsync(cwd, cancellationToken).ConfigureAwait(false)).Type != FileType.Directory)
        {
            // Checked here so the model reads ENOTDIR instead of a shell-style 127.
            throw new ToolArgumentException($"exec: ENOTDIR: cwd '{cwd}' is not a directory");
        }

        McpExecResult result = await Vm.ExecAsync(command, new ExecOptions
        {
            Cwd = cwd,
            StdinText = arguments.OptionalString("stdin"),
            Timeout = timeout,
            MaxCapturedOutputBytes = Options.MaxOutputBytes,
        }, cancellationToken).ConfigureAwait(false);

        string stdout = result.Stdout;
        string stderr = result.Stderr;
        bool truncated = result.StdoutTruncated || result.StderrTruncated;
        var structured = new JsonObject
        {
            ["exitCode"] = result.ExitCode,
            ["stdout"] = stdout,
            ["stderr"] = stderr,
            ["timedOut"] = result.TimedOut,
            ["truncated"] = truncated,
        };
        return ToolResults.Structured(Describe(result, timeout, stdout, stderr), structured);
    }

    private string Describe(McpExecResult result, TimeSpan timeout, string stdout, string stderr)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"exit code: {result.ExitCode}");
        if (result.TimedOut)
        {
            text.Append(CultureInfo.InvariantCulture, $" (timed out after {(long)timeout.TotalMilliseconds} ms: the command's processes were killed; the VM is still usable)");
        }

        text.Append('\n');
        AppendStream(text, "stdout", stdout, result.StdoutTruncated);
        AppendStream(text, "stderr", stderr, result.StderrTruncated);
        return text.ToString();
    }

    private void AppendStream(StringBuilder text, string name, string content, bool truncated)
    {
        if (content.Length == 0 && !truncated)
        {
            text.Append(CultureInfo.InvariantCulture, $"{name}: (empty)\n");
            return;
        }

        text.Append(CultureInfo.InvariantCulture, $"--- {name} ---\n").Append(content);
        if (content.Length > 0 && content[^1] != '\n')
        {
            text.Append('\n');
        }

        if (truncated)
        {
            text.Append(CultureInfo.InvariantCulture, $"[{name} truncated: only the first {Options.MaxOutputBytes} bytes are shown; redirect to a file and read it in parts]\n");
        }
    }
}
