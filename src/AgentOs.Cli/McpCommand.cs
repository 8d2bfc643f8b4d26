using System.CommandLine;
using System.Net;
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
        var defaults = new AgentOsMcpOptions();
        var httpDefaults = new AgentOsMcpHttpOptions();
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
        var http = new Option<string?>("--http")
        {
            HelpName = "[ADDRESS:]PORT",
            Description = "Serve Streamable HTTP on this address only (default address 127.0.0.1; port 0 picks a free one) instead of stdin/stdout: one VM per MCP session.",
        };
        var maxSessions = new Option<int?>("--max-sessions")
        {
            HelpName = "N",
            Description = $"With --http: sessions (VMs) open at once; past it a new session gets HTTP 503 (default {httpDefaults.MaxSessions}).",
        };
        var idleTimeout = new Option<string?>("--idle-timeout")
        {
            HelpName = "DURATION",
            Description = $"With --http: a session with no request for this long ends and its VM is disposed (default {httpDefaults.IdleTimeout.TotalMinutes:0}m).",
        };
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
        var command = new Command("mcp", "Serve the Model Context Protocol on stdin/stdout for one client: a VM for the session with the tools exec, read_file, write_file and list_directory; ends when stdin closes. With --http, over Streamable HTTP for many clients.")
        {
            execTimeout,
            maxOutput,
            http,
            maxSessions,
            idleTimeout,
            hostMemory,
            hostCpu,
        };
        options.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            VmSettings settings = options.Read(parse, Environment.GetEnvironmentVariable);
            AgentOsMcpOptions mcpOptions = ReadMcpOptions(parse.GetValue(execTimeout), parse.GetValue(maxOutput), settings);
            string? address = parse.GetValue(http);
            if (address is null)
            {
                if (parse.GetValue(maxSessions) is not null || parse.GetValue(idleTimeout) is not null || parse.GetValue(hostMemory) is not null || parse.GetValue(hostCpu) is not null)
                {
                    throw new CliUsageException("--max-sessions, --idle-timeout and --host-max-* need --http (stdio serves one session)");
                }

                await RunStdioAsync(settings, mcpOptions, ct).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            var httpOptions = new AgentOsMcpHttpOptions
            {
                Address = ParseAddress(address),
                Tools = mcpOptions,
                MaxSessions = parse.GetValue(maxSessions) is { } max ? max > 0 ? max : throw new CliUsageException("--max-sessions must be positive") : httpDefaults.MaxSessions,
                IdleTimeout = parse.GetValue(idleTimeout) is { } idle
                    ? DurationParser.TryParse(idle, out TimeSpan timeout) ? timeout : throw new CliUsageException($"--idle-timeout: '{idle}' is not a duration ({DurationParser.Syntax})")
                    : httpDefaults.IdleTimeout,
                MaxSessionsSettingName = "--max-sessions",
            };
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

    /// <summary><c>PORT</c> (loopback), <c>IPv4:PORT</c> or <c>[IPv6]:PORT</c>; names are refused so the bound address is never a guess.</summary>
    private static IPEndPoint ParseAddress(string text)
    {
        if (ushort.TryParse(text, out ushort port))
        {
            return new IPEndPoint(IPAddress.Loopback, port);
        }

        int colon = text.LastIndexOf(':');
        string host = colon > 0 ? text[..colon] : string.Empty;
        bool bracketed = host.StartsWith('[') && host.EndsWith(']');
        return colon > 0 && ushort.TryParse(text[(colon + 1)..], out port)
                && (bracketed || !host.Contains(':', StringComparison.Ordinal))
                && IPAddress.TryParse(bracketed ? host[1..^1] : host, out IPAddress? address)
            ? new IPEndPoint(address, port)
            : throw new CliUsageException($"--http: '{text}' is not PORT, IPV4:PORT or [IPV6]:PORT (e.g. 127.0.0.1:8080)");
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
