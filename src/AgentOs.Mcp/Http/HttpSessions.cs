using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;

namespace AgentOs.Mcp.Http;

/// <summary>
/// One VM per MCP session over Streamable HTTP, and the session cap. A request that would open a session (a POST
/// without <c>Mcp-Session-Id</c>) takes a slot in <see cref="AdmitAsync"/> before the SDK sees it, so concurrent
/// <c>initialize</c>s cannot overshoot the cap; the session keeps the slot until <see cref="RunAsync"/> ends, and a
/// request that opened no session gives it back at once.
/// </summary>
internal sealed partial class HttpSessions(AgentOsMcpHttpOptions options, ILogger logger)
{
    private const string SessionIdHeader = "Mcp-Session-Id";
    private const string VmItem = "agentos.mcp.vm";
    private int _slots;

    /// <summary>Sessions open or being opened.</summary>
    public int Count => Volatile.Read(ref _slots);

    /// <summary>Middleware in front of the MCP endpoint: refuses foreign origins and new sessions past the cap.</summary>
    public async Task AdmitAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Headers.Origin is [{ } origin] && !IsLoopbackOrigin(origin))
        {
            // A browser page on another origin (DNS rebinding included) must not drive the VMs (MCP spec: validate Origin).
            await RefuseAsync(context, StatusCodes.Status403Forbidden, $"Forbidden: origin '{origin}' may not use this MCP server").ConfigureAwait(false);
            return;
        }

        bool opensSession = HttpMethods.IsPost(context.Request.Method) && !context.Request.Headers.ContainsKey(SessionIdHeader);
        if (!opensSession)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (Interlocked.Increment(ref _slots) > options.MaxSessions)
        {
            Interlocked.Decrement(ref _slots);
            LogCapReached(options.MaxSessions);
            await RefuseAsync(context, StatusCodes.Status503ServiceUnavailable,
                $"agentos: too many sessions: all {options.MaxSessions} are in use ({options.MaxSessionsSettingName}); " +
                $"end a session (its client disconnects or sends DELETE) or wait until an idle one expires, then retry").ConfigureAwait(false);
            return;
        }

        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (AgentOsHostCapacityException e) when (!context.Response.HasStarted)
        {
            await RefuseAsync(context, StatusCodes.Status503ServiceUnavailable, $"agentos: no VM for a new session: {e.Message}").ConfigureAwait(false);
        }
        finally
        {
            if (context.Features.Get<McpServer>() is null)
            {
                // No session came of this request (not an initialize, refused, or its VM failed): free the slot.
                if (context.Items[VmItem] is IMcpSessionVm orphan)
                {
                    await orphan.DisposeAsync().ConfigureAwait(false);
                }

                Interlocked.Decrement(ref _slots);
            }
        }
    }

    /// <summary><c>ConfigureSessionOptions</c>: the new session's VM and its tools.</summary>
    public async Task ConfigureAsync(HttpContext context, McpServerOptions serverOptions, CancellationToken cancellationToken)
    {
        IMcpSessionVm vm = await options.CreateVm(cancellationToken).ConfigureAwait(false);
        context.Items[VmItem] = vm;
        AgentOsMcpServer.Configure(serverOptions, vm, options.Tools);
    }

    /// <summary><c>RunSessionHandler</c>: serves the session until it is deleted, expires or the server stops; then disposes its VM.</summary>
    public async Task RunAsync(HttpContext context, McpServer server, CancellationToken sessionClosed)
    {
        var vm = (IMcpSessionVm)context.Items[VmItem]!;
        LogSessionStarted(server.SessionId, vm.Name);
        try
        {
            await server.RunAsync(sessionClosed).ConfigureAwait(false);
        }
        finally
        {
            try
            {
                // A VM held elsewhere (a cluster's grain) may fail to end; the session's slot is free all the same.
                await vm.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _slots);
                LogSessionEnded(server.SessionId, vm.Name);
            }
        }
    }

    private static bool IsLoopbackOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out Uri? uri) && uri.IsLoopback;

    /// <summary>A JSON-RPC error body (id null: the request was not read) with an HTTP status the SDK's client reports.</summary>
    private static async Task RefuseAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            jsonrpc = "2.0",
            id = (string?)null,
            error = new { code = -32000, message },
        }), context.RequestAborted).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "MCP session refused: the session cap ({MaxSessions}) is reached")]
    private partial void LogCapReached(int maxSessions);

    [LoggerMessage(Level = LogLevel.Information, Message = "MCP session {SessionId} started with VM {VmId}")]
    private partial void LogSessionStarted(string? sessionId, string vmId);

    [LoggerMessage(Level = LogLevel.Information, Message = "MCP session {SessionId} on VM {VmId} ended")]
    private partial void LogSessionEnded(string? sessionId, string vmId);
}
