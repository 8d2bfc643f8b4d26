using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using AgentOs.Mcp.Http;
using ModelContextProtocol.Client;

namespace AgentOs.Mcp.Tests;

/// <summary>
/// The Streamable HTTP server (in this process, and as <c>agentos mcp --http</c>) driven by the SDK's HTTP client:
/// one real VM per session, the idle timeout, the session cap.
/// </summary>
public sealed class HttpServerTests
{
    [Fact]
    public async Task ConcurrentSessionsEachGetTheirOwnVm()
    {
        await using var host = await HttpHost.StartAsync(new AgentOsMcpHttpOptions { MaxSessions = 4 });
        await using McpClient a = await host.ConnectAsync();
        await using McpClient b = await host.ConnectAsync();
        Assert.Equal(2, host.Server.SessionCount);
        Assert.Equal(2, host.Vms.Count);

        // Both run at once, each writing the same path: neither sees the other's file.
        var runs = await Task.WhenAll(
            a.CallToolAsync("exec", new Dictionary<string, object?> { ["command"] = "echo from-a > /tmp/who; sleep 0.3; cat /tmp/who" }).AsTask(),
            b.CallToolAsync("exec", new Dictionary<string, object?> { ["command"] = "echo from-b > /tmp/who; sleep 0.3; cat /tmp/who" }).AsTask());
        Assert.Equal("from-a\n", runs[0].Structured("stdout").GetString());
        Assert.Equal("from-b\n", runs[1].Structured("stdout").GetString());

        await a.CallToolAsync("write_file", new Dictionary<string, object?> { ["path"] = "only-a.txt", ["content"] = "a" });
        var inB = await b.CallToolAsync("read_file", new Dictionary<string, object?> { ["path"] = "only-a.txt" });
        Assert.True(inB.IsError);
        Assert.Contains("ENOENT", inB.Text());
        Assert.Equal("a", (await a.CallToolAsync("read_file", new Dictionary<string, object?> { ["path"] = "only-a.txt" })).Text());
    }

    [Fact]
    public async Task AClientThatEndsItsSessionGetsItsVmDisposed()
    {
        await using var host = await HttpHost.StartAsync(new AgentOsMcpHttpOptions());
        McpClient client = await host.ConnectAsync();
        await client.CallToolAsync("exec", new Dictionary<string, object?> { ["command"] = "true" });
        await client.DisposeAsync();

        await WaitUntilAsync(() => host.Server.SessionCount == 0, "the session is gone");
        await Assert.ThrowsAsync<ObjectDisposedException>(() => Assert.Single(host.Vms).ExecAsync("true"));
    }

    [Fact]
    public async Task AnIdleSessionExpiresAndItsVmIsDisposed()
    {
        await using var host = await HttpHost.StartAsync(new AgentOsMcpHttpOptions { IdleTimeout = TimeSpan.FromMilliseconds(200) });

        // No standalone GET stream (it would keep the session busy) and no DELETE at the end: a client that just leaves.
        McpClient client = await host.ConnectAsync(transport =>
        {
            transport.EnableStandaloneGetStream = false;
            transport.OwnsSession = false;
        });
        string sessionId = client.SessionId!;
        await client.CallToolAsync("write_file", new Dictionary<string, object?> { ["path"] = "left.txt", ["content"] = "x" });
        await client.DisposeAsync();
        Assert.Equal(1, host.Server.SessionCount);

        await WaitUntilAsync(() => host.Server.SessionCount == 0, "the idle session expires");
        await Assert.ThrowsAsync<ObjectDisposedException>(() => Assert.Single(host.Vms).ExecAsync("true"));

        // The session id no longer names anything.
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, host.Server.Endpoint)
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":2,"method":"tools/list"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Mcp-Session-Id", sessionId);
        request.Headers.Add("Accept", "application/json, text/event-stream");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task TheSessionCapRefusesWithAnErrorNamingTheSetting()
    {
        await using var host = await HttpHost.StartAsync(new AgentOsMcpHttpOptions { MaxSessions = 1 });
        McpClient first = await host.ConnectAsync();

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => host.ConnectAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("too many sessions", refused.Message);
        Assert.Contains("MaxSessions", refused.Message);
        Assert.Single(host.Vms);

        // The first session is unaffected, and its end frees the slot.
        Assert.Equal("ok\n", (await first.CallToolAsync("exec", new Dictionary<string, object?> { ["command"] = "echo ok" })).Structured("stdout").GetString());
        await first.DisposeAsync();
        await WaitUntilAsync(() => host.Server.SessionCount == 0, "the first session is gone");
        await using McpClient next = await host.ConnectAsync();
        Assert.Equal("ok\n", (await next.CallToolAsync("exec", new Dictionary<string, object?> { ["command"] = "echo ok" })).Structured("stdout").GetString());
    }

    [Fact]
    public async Task ASessionWhoseVmDoesNotFitTheHostTotalsIsRefusedNamingTheTotal()
    {
        var totals = new AgentOsHost(new AgentOsHostOptions { MaxTotalCpuCores = 1 });
        await using var host = await HttpHost.StartAsync(new AgentOsMcpHttpOptions(), totals);
        await using McpClient first = await host.ConnectAsync();

        // Each VM claims its maxCpuCores (default 1), so a second one does not fit.
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => host.ConnectAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("host.maxTotalCpuCores", refused.Message);
        Assert.Equal(1, host.Server.SessionCount);
        Assert.Equal("ok\n", (await first.CallToolAsync("exec", new Dictionary<string, object?> { ["command"] = "echo ok" })).Structured("stdout").GetString());
    }

    [Fact]
    public async Task AnExecTimeoutKillsTheCommandAndTheSessionCarriesOn()
    {
        await using var host = await HttpHost.StartAsync(new AgentOsMcpHttpOptions());
        await using McpClient client = await host.ConnectAsync();
        var slow = await client.CallToolAsync("exec", new Dictionary<string, object?> { ["command"] = "echo started; sleep 30", ["timeoutMs"] = 300 });
        Assert.NotEqual(true, slow.IsError);
        Assert.True(slow.Structured("timedOut").GetBoolean());
        Assert.Equal("started\n", slow.Structured("stdout").GetString());

        var next = await client.CallToolAsync("exec", new Dictionary<string, object?> { ["command"] = "echo still here" });
        Assert.Equal("still here\n", next.Structured("stdout").GetString());
    }

    [Fact]
    public async Task AForeignOriginIsRefused()
    {
        await using var host = await HttpHost.StartAsync(new AgentOsMcpHttpOptions());
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => host.ConnectAsync(transport =>
            transport.AdditionalHeaders = new Dictionary<string, string> { ["Origin"] = "http://attacker.example" }));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Empty(host.Vms);
    }

    [Fact]
    public async Task TheCliServesHttpSessionsAndNamesItsCapOption()
    {
        var start = new ProcessStartInfo(TestEnvironment.DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { TestEnvironment.CliDll, "mcp", "--http", "127.0.0.1:0", "--max-sessions", "1", "--env", "WHO=cli" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["AGENTOS_CACHE_DIR"] = TestEnvironment.CacheDirectory;
        using Process server = Process.Start(start)!;
        try
        {
            string? line = await server.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2));
            Assert.StartsWith("agentos mcp: listening on http://127.0.0.1:", line);
            var endpoint = new Uri(line!["agentos mcp: listening on ".Length..]);

            await using McpClient client = await HttpHost.ConnectAsync(endpoint);
            var env = await client.CallToolAsync("exec", new Dictionary<string, object?> { ["command"] = "echo $WHO" });
            Assert.Equal("cli\n", env.Structured("stdout").GetString());

            var refused = await Assert.ThrowsAsync<HttpRequestException>(() => HttpHost.ConnectAsync(endpoint));
            Assert.Contains("--max-sessions", refused.Message);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
        }
    }

    /// <summary>Polls server state, failing after a generous deadline (the idle check runs every 5 s).</summary>
    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = Environment.TickCount64 + 60_000;
        while (!condition())
        {
            Assert.True(Environment.TickCount64 < deadline, $"Timed out waiting for: {what}");
            await Task.Delay(50);
        }
    }

    /// <summary>An in-process server on a free loopback port whose VM factory remembers every VM it made.</summary>
    private sealed class HttpHost : IAsyncDisposable
    {
        private HttpHost(AgentOsMcpHttpServer server, ConcurrentQueue<AgentOsVm> vms)
        {
            Server = server;
            Vms = vms;
        }

        public AgentOsMcpHttpServer Server { get; }

        public ConcurrentQueue<AgentOsVm> Vms { get; }

        public static async Task<HttpHost> StartAsync(AgentOsMcpHttpOptions options, AgentOsHost? totals = null)
        {
            var vms = new ConcurrentQueue<AgentOsVm>();
            options.CreateVm = async ct =>
            {
                AgentOsVm vm = await AgentOsVm.CreateAsync(new AgentOsOptions { CacheDirectory = TestEnvironment.CacheDirectory, Host = totals }, ct);
                vms.Enqueue(vm);
                return McpSessionVm.Of(vm);
            };
            return new HttpHost(await AgentOsMcpHttpServer.StartAsync(options), vms);
        }

        public Task<McpClient> ConnectAsync(Action<HttpClientTransportOptions>? configure = null) => ConnectAsync(Server.Endpoint, configure);

        public static async Task<McpClient> ConnectAsync(Uri endpoint, Action<HttpClientTransportOptions>? configure = null)
        {
            var options = new HttpClientTransportOptions { Endpoint = endpoint, TransportMode = HttpTransportMode.StreamableHttp };
            configure?.Invoke(options);
            return await McpClient.CreateAsync(new HttpClientTransport(options));
        }

        public async ValueTask DisposeAsync()
        {
            await Server.DisposeAsync();
            Assert.Equal(0, Server.SessionCount);
        }
    }
}
