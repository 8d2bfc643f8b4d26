using System.CommandLine;
using System.Net;
using AgentOs.Mcp;
using AgentOs.Mcp.Http;

namespace AgentOs.Cli;

/// <summary>
/// The MCP server options <c>agentos mcp</c> and <c>agentos node</c> share (tool limits, the Streamable HTTP address,
/// session cap and idle timeout) and their parsing, so both commands take and check them the same way.
/// </summary>
internal sealed class McpOptionSet
{
    private static readonly AgentOsMcpOptions Defaults = new();
    private static readonly AgentOsMcpHttpOptions HttpDefaults = new();

    private readonly Option<string?> _execTimeout = new("--exec-timeout")
    {
        HelpName = "DURATION",
        Description = $"How long an exec call may run when it gives no timeoutMs (default {Defaults.DefaultExecTimeout.TotalSeconds:0}s; calls may ask for up to {Defaults.MaxExecTimeout.TotalMinutes:0}m or this, whichever is longer).",
    };

    private readonly Option<string?> _maxOutput = new("--max-output-bytes")
    {
        HelpName = "SIZE",
        Description = $"Bytes one call returns per stream (exec's stdout and stderr each, read_file's content); the rest is dropped and marked truncated (default {Defaults.MaxOutputBytes / 1024}K).",
    };

    private readonly Option<int?> _maxSessions;
    private readonly Option<string?> _idleTimeout;

    /// <param name="httpName">The option that turns Streamable HTTP on (<c>--http</c>, <c>--mcp-http</c>).</param>
    /// <param name="httpDescription">What it does.</param>
    /// <param name="idleTimeoutName">The session idle timeout's option (<c>agentos node</c> has its own <c>--idle-timeout</c> for VMs).</param>
    public McpOptionSet(string httpName, string httpDescription, string idleTimeoutName)
    {
        Http = new Option<string?>(httpName) { HelpName = "[ADDRESS:]PORT", Description = httpDescription };
        _maxSessions = new Option<int?>("--max-sessions")
        {
            HelpName = "N",
            Description = $"With {httpName}: sessions (VMs) open at once; past it a new session gets HTTP 503 (default {HttpDefaults.MaxSessions}).",
        };
        _idleTimeout = new Option<string?>(idleTimeoutName)
        {
            HelpName = "DURATION",
            Description = $"With {httpName}: a session with no request for this long ends and its VM is disposed (default {HttpDefaults.IdleTimeout.TotalMinutes:0}m).",
        };
    }

    /// <summary>The Streamable HTTP address option.</summary>
    public Option<string?> Http { get; }

    /// <summary>Adds the options in help order: the tool limits, the address, the session options.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_execTimeout);
        command.Options.Add(_maxOutput);
        command.Options.Add(Http);
        command.Options.Add(_maxSessions);
        command.Options.Add(_idleTimeout);
    }

    /// <summary>Whether a session option was given (they need <see cref="Http"/>).</summary>
    public bool HasSessionOptions(ParseResult parse) => parse.GetValue(_maxSessions) is not null || parse.GetValue(_idleTimeout) is not null;

    /// <summary>Whether a tool option was given (for <c>agentos node</c>, they too need <see cref="Http"/>).</summary>
    public bool HasToolOptions(ParseResult parse) => parse.GetValue(_execTimeout) is not null || parse.GetValue(_maxOutput) is not null;

    /// <summary>The tools' limits; <paramref name="allowedHosts"/> are named in their descriptions.</summary>
    /// <exception cref="CliUsageException">A value does not parse.</exception>
    public AgentOsMcpOptions ReadTools(ParseResult parse, IReadOnlyList<string> allowedHosts)
    {
        var options = new AgentOsMcpOptions { AllowedHosts = allowedHosts };
        if (parse.GetValue(_execTimeout) is { } execTimeout)
        {
            options.DefaultExecTimeout = DurationParser.TryParse(execTimeout, out TimeSpan timeout)
                ? timeout
                : throw new CliUsageException($"--exec-timeout: '{execTimeout}' is not a duration ({DurationParser.Syntax})");
            options.MaxExecTimeout = timeout > options.MaxExecTimeout ? timeout : options.MaxExecTimeout;
        }

        if (parse.GetValue(_maxOutput) is { } maxOutput)
        {
            options.MaxOutputBytes = SizeParser.TryParse(maxOutput, out long bytes) && bytes is > 0 and <= int.MaxValue
                ? (int)bytes
                : throw new CliUsageException($"--max-output-bytes: '{maxOutput}' is not a size from 1 byte to 2G ({SizeParser.Syntax})");
        }

        return options;
    }

    /// <summary>The HTTP server's options for <paramref name="address"/> (the value of <see cref="Http"/>).</summary>
    /// <exception cref="CliUsageException">A value does not parse.</exception>
    public AgentOsMcpHttpOptions ReadHttp(ParseResult parse, string address, AgentOsMcpOptions tools) => new()
    {
        Address = ParseAddress(address),
        Tools = tools,
        MaxSessions = parse.GetValue(_maxSessions) is { } max ? max > 0 ? max : throw new CliUsageException("--max-sessions must be positive") : HttpDefaults.MaxSessions,
        IdleTimeout = parse.GetValue(_idleTimeout) is { } idle
            ? DurationParser.TryParse(idle, out TimeSpan timeout) ? timeout : throw new CliUsageException($"{_idleTimeout.Name}: '{idle}' is not a duration ({DurationParser.Syntax})")
            : HttpDefaults.IdleTimeout,
        MaxSessionsSettingName = "--max-sessions",
    };

    /// <summary><c>PORT</c> (loopback), <c>IPv4:PORT</c> or <c>[IPv6]:PORT</c>; names are refused so the bound address is never a guess.</summary>
    private IPEndPoint ParseAddress(string text)
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
            : throw new CliUsageException($"{Http.Name}: '{text}' is not PORT, IPV4:PORT or [IPV6]:PORT (e.g. 127.0.0.1:8080)");
    }
}
