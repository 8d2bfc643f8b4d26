using System.CommandLine;
using AgentOs.Cli.Logging;
using AgentOs.Mcp;
using AgentOs.Mcp.Http;
using Microsoft.Extensions.Logging;

namespace AgentOs.Cli;

/// <summary>
/// <c>agentos mcp</c>: an MCP server on stdin/stdout for one client session, with one VM (created from the same
/// options as <c>agentos exec</c>) that lives as long as the session. Stdout carries only protocol messages: logs go
/// to stderr, and anything else that writes to <see cref="Console.Out"/> is redirected there too. With
/// <c>--http</c> it serves Streamable HTTP instead: many sessions, one VM each.
/// </summary>
internal static class McpCommand
{
    public static Command Create()
    {
        var options = new VmOptionSet();
        var mcp = new McpOptionSet("--http", "Serve Streamable HTTP on this address only (default address 127.0.0.1; port 0 picks a free one) instead of stdin/stdout: one VM per MCP session.", "--idle-timeout");
        var hostMemory = new Option<string?>("--host-max-memory-bytes")
        {
            HelpName = "SIZE",
            Description = "With --http: memory all sessions' VMs may claim together: each claims maxMemoryBytes + maxFilesystemBytes (host.maxTotalMemoryBytes; default none).",
        };
        var hostCpu = new Option<double?>("--host-max-cpu-cores")
        {
            HelpName = "CORES",
            Description = "With --http: CPU all sessions' VMs may claim together: each claims maxCpuCores (host.maxTotalCpuCores; default none).",
        };
        var command = new Command("mcp", "Serve the Model Context Protocol on stdin/stdout for one client: a VM for the session with the tools exec, read_file, write_file and list_directory; ends when stdin closes. With --http, over Streamable HTTP for many clients.");
        mcp.AddTo(command);
        command.Options.Add(hostMemory);
        command.Options.Add(hostCpu);
        options.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            VmSettings settings = options.Read(parse, Environment.GetEnvironmentVariable);
            AgentOsMcpOptions mcpOptions = mcp.ReadTools(parse, settings.AllowNet);
            string? address = parse.GetValue(mcp.Http);
            if (address is null)
            {
                if (mcp.HasSessionOptions(parse) || parse.GetValue(hostMemory) is not null || parse.GetValue(hostCpu) is not null)
                {
                    throw new CliUsageException("--max-sessions, --idle-timeout and --host-max-* need --http (stdio serves one session)");
                }

                await RunStdioAsync(settings, mcpOptions, ct).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            AgentOsMcpHttpOptions httpOptions = mcp.ReadHttp(parse, address, mcpOptions);
            await RunHttpAsync(settings, httpOptions, SidecarCommand.HostTotals(parse.GetValue(hostMemory), parse.GetValue(hostCpu)), ct).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task RunStdioAsync(VmSettings settings, AgentOsMcpOptions mcpOptions, CancellationToken ct)
    {
        using ILoggerFactory loggers = CliLogging.Create(settings.LogLevel, settings.LogFile);
        AgentOsVm vm = await GuestSession.CreateVmAsync(settings, loggers, cancellationToken: ct).ConfigureAwait(false);
        await using (vm.ConfigureAwait(false))
        {
            Console.SetOut(Console.Error);
            await AgentOsMcpServer.RunStdioAsync(vm, mcpOptions, loggers, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Serves until Ctrl-C/SIGTERM; the listening URL goes to stderr (the port is news when 0 was given).</summary>
    private static async Task RunHttpAsync(VmSettings settings, AgentOsMcpHttpOptions httpOptions, AgentOsHost? host, CancellationToken ct)
    {
        using ILoggerFactory loggers = CliLogging.Create(settings.LogLevel, settings.LogFile);

        // Fetch missing software once, before any client waits on a session for it.
        await SoftwareCommands.EnsureCachedAsync(settings.Software, ct).ConfigureAwait(false);
        httpOptions.CreateVm = async cancellationToken => McpSessionVm.Of(await GuestSession.CreateVmAsync(settings, loggers, host, cancellationToken).ConfigureAwait(false));
        AgentOsMcpHttpServer server;
        try
        {
            server = await AgentOsMcpHttpServer.StartAsync(httpOptions, loggers, ct).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new CliUsageException($"--http: cannot listen on {httpOptions.Address}: {e.Message}");
        }

        await using (server.ConfigureAwait(false))
        {
            await Console.Error.WriteLineAsync($"agentos mcp: listening on {server.Endpoint}").ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C or SIGTERM: stop serving; disposing the server ends the sessions and their VMs.
            }
        }
    }
}
