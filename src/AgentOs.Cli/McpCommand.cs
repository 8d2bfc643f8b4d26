using System.CommandLine;
using AgentOs.Cli.Logging;
using AgentOs.Mcp;
using Microsoft.Extensions.Logging;

namespace AgentOs.Cli;

/// <summary>
/// <c>agentos mcp</c>: an MCP server on stdin/stdout for one client session, with one VM (created from the same
/// options as <c>agentos exec</c>) that lives as long as the session. Stdout carries only protocol messages: logs go
/// to stderr, and anything else that writes to <see cref="Console.Out"/> is redirected there too.
/// </summary>
internal static class McpCommand
{
    public static Command Create()
    {
        var defaults = new AgentOsMcpOptions();
        var options = new VmOptionSet();
        var execTimeout = new Option<string?>("--exec-timeout")
        {
            HelpName = "DURATION",
            Description = $"How long an exec call may run when it gives no timeoutMs (default {defaults.DefaultExecTimeout.TotalSeconds:0}s; calls may ask for up to {defaults.MaxExecTimeout.TotalMinutes:0}m or this, whichever is longer).",
        };
        var maxOutput = new Option<string?>("--max-output-bytes")
        {
            HelpName = "SIZE",
            Description = $"Bytes one call returns per stream (exec's stdout and stderr each, read_file's content); the rest is dropped and marked truncated (default {defaults.MaxOutputBytes / 1024}K).",
        };
        var command = new Command("mcp", "Serve the Model Context Protocol on stdin/stdout for one client: a VM for the session with the tools exec, read_file, write_file and list_directory; ends when stdin closes.")
        {
            execTimeout,
            maxOutput,
        };
        options.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            VmSettings settings = options.Read(parse, Environment.GetEnvironmentVariable);
            AgentOsMcpOptions mcpOptions = ReadMcpOptions(parse.GetValue(execTimeout), parse.GetValue(maxOutput), settings);
            using ILoggerFactory loggers = CliLogging.Create(settings.LogLevel);
            AgentOsVm vm = await GuestSession.CreateVmAsync(settings, loggers).ConfigureAwait(false);
            await using (vm.ConfigureAwait(false))
            {
                Console.SetOut(Console.Error);
                await AgentOsMcpServer.RunStdioAsync(vm, mcpOptions, loggers, ct).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static AgentOsMcpOptions ReadMcpOptions(string? execTimeout, string? maxOutput, VmSettings settings)
    {
        var options = new AgentOsMcpOptions { AllowedHosts = settings.AllowNet };
        if (execTimeout is not null)
        {
            options.DefaultExecTimeout = DurationParser.TryParse(execTimeout, out TimeSpan timeout)
                ? timeout
                : throw new CliUsageException($"--exec-timeout: '{execTimeout}' is not a duration ({DurationParser.Syntax})");
            options.MaxExecTimeout = timeout > options.MaxExecTimeout ? timeout : options.MaxExecTimeout;
        }

        if (maxOutput is not null)
        {
            options.MaxOutputBytes = SizeParser.TryParse(maxOutput, out long bytes) && bytes is > 0 and <= int.MaxValue
                ? (int)bytes
                : throw new CliUsageException($"--max-output-bytes: '{maxOutput}' is not a size from 1 byte to 2G ({SizeParser.Syntax})");
        }

        return options;
    }
}
