using System.Net;

namespace AgentOs.Mcp.Http;

/// <summary>How <see cref="AgentOsMcpHttpServer"/> listens and how many sessions (each with its own VM) it keeps.</summary>
public sealed class AgentOsMcpHttpOptions
{
    /// <summary>The only address the server binds. Default 127.0.0.1 on a free port (see <see cref="AgentOsMcpHttpServer.Endpoint"/>).</summary>
    public IPEndPoint Address { get; set; } = new(IPAddress.Loopback, 0);

    /// <summary>
    /// Creates the VM of a new session (called when a client sends <c>initialize</c>); the server disposes it when the
    /// session ends. Each call must return a new VM, so every session has its own files, processes and limits: an
    /// in-process one (<see cref="McpSessionVm.Of"/>, the default) or one held elsewhere (a cluster's VM grain).
    /// </summary>
    public Func<CancellationToken, Task<IMcpSessionVm>> CreateVm { get; set; } =
        async cancellationToken => McpSessionVm.Of(await AgentOsVm.CreateAsync(cancellationToken: cancellationToken).ConfigureAwait(false));

    /// <summary>The most sessions open at once; an <c>initialize</c> past it gets HTTP 503 naming this cap. Default 16.</summary>
    public int MaxSessions { get; set; } = 16;

    /// <summary>
    /// A session with no request in flight for this long is ended and its VM disposed (checked every 5 s). A client
    /// that keeps its standalone GET stream open is never idle. Default 10 min.
    /// </summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The tools' output caps and command timeouts, the same for every session.</summary>
    public AgentOsMcpOptions Tools { get; set; } = new();

    /// <summary>
    /// How the session-cap error names <see cref="MaxSessions"/> (the CLI says <c>--max-sessions</c>), so the reader
    /// knows what to raise.
    /// </summary>
    public string MaxSessionsSettingName { get; set; } = nameof(MaxSessions);

    /// <exception cref="ArgumentOutOfRangeException">A cap or timeout is not positive.</exception>
    /// <exception cref="ArgumentNullException">A required option is missing.</exception>
    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Address);
        ArgumentNullException.ThrowIfNull(CreateVm);
        ArgumentNullException.ThrowIfNull(Tools);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSessions, 1, nameof(MaxSessions));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(IdleTimeout, TimeSpan.Zero, nameof(IdleTimeout));
        Tools.Validate();
    }
}
