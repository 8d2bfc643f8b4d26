using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.AspNetCore;

namespace AgentOs.Mcp.Http;

/// <summary>
/// The AgentOs MCP tools over the Streamable HTTP transport (<c>agentos mcp --http</c>): every MCP session gets its own
/// VM from <see cref="AgentOsMcpHttpOptions.CreateVm"/>, created at <c>initialize</c> and disposed when the session is
/// deleted, idles out or the server stops. The endpoint is the root path of <see cref="Endpoint"/>.
/// </summary>
public sealed class AgentOsMcpHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpSessions _sessions;

    private AgentOsMcpHttpServer(WebApplication app, HttpSessions sessions, Uri endpoint)
    {
        _app = app;
        _sessions = sessions;
        Endpoint = endpoint;
    }

    /// <summary>The URL clients connect to, with the port actually bound.</summary>
    public Uri Endpoint { get; }

    /// <summary>Sessions open (or being opened) now; each holds one VM.</summary>
    public int SessionCount => _sessions.Count;

    /// <summary>Binds <see cref="AgentOsMcpHttpOptions.Address"/> (only it) and starts serving.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="IOException">The address cannot be bound (in use, not this machine's).</exception>
    public static async Task<AgentOsMcpHttpServer> StartAsync(AgentOsMcpHttpOptions options, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        loggerFactory ??= NullLoggerFactory.Instance;

        // Slim: no appsettings, no ASPNETCORE_URLS bindings beside the one address given.
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(options.Address));
        var sessions = new HttpSessions(options, loggerFactory.CreateLogger<AgentOsMcpHttpServer>());
        builder.Services.AddMcpServer().WithHttpTransport(http =>
        {
            // Sessions are what this server is for (one VM each), so the stateful mode the 2026-07-28 revision
            // deprecates is required; clients of that revision are told to fall back to initialize.
#pragma warning disable MCP9006, MCPEXP002
            http.SessionMode = HttpServerSessionMode.Stateful;
            http.IdleTimeout = options.IdleTimeout;
            http.RunSessionHandler = sessions.RunAsync;
#pragma warning restore MCP9006, MCPEXP002
            http.ConfigureSessionOptions = sessions.ConfigureAsync;
        });

        WebApplication app = builder.Build();
        app.Use(sessions.AdmitAsync);
        app.MapMcp();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        string bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new AgentOsMcpHttpServer(app, sessions, new Uri(bound.TrimEnd('/') + "/"));
    }

    /// <summary>Stops listening, ends every session and disposes their VMs.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
