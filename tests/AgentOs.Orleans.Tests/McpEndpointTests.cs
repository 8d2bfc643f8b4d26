using System.Text.Json;
using AgentOs.Cli.Cluster;
using AgentOs.Mcp;
using AgentOs.Mcp.Http;
using AgentOs.Testing;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Orleans.TestingHost;

namespace AgentOs.Orleans.Tests;

/// <summary>
/// A node's MCP endpoint (<c>agentos node --mcp-http</c>) on one silo of three, driven by the SDK's HTTP client: every
/// session's tools act on a VM grain of its own, with the same results as on an in-process VM.
/// </summary>
public sealed class McpEndpointTests(OpenClusterFixture fixture) : IClassFixture<OpenClusterFixture>
{
    [Fact]
    public async Task Tools_on_a_vm_grain_answer_as_on_an_in_process_vm()
    {
        await using var node = await StartNodeEndpointAsync();
        await using var local = await AgentOsMcpHttpServer.StartAsync(new AgentOsMcpHttpOptions
        {
            CreateVm = async ct => McpSessionVm.Of(await AgentOsVm.CreateAsync(new AgentOsOptions { CacheDirectory = TestCache.Directory }, ct)),
        });
        await using var onGrain = await ConnectAsync(node.Endpoint);
        await using var inProcess = await ConnectAsync(local.Endpoint);

        var grainTools = await onGrain.ListToolsAsync();
        var localTools = await inProcess.ListToolsAsync();
        Assert.Equal(["exec", "list_directory", "read_file", "write_file"], grainTools.Select(t => t.Name).Order(StringComparer.Ordinal));
        foreach (var tool in grainTools)
        {
            var twin = Assert.Single(localTools, t => t.Name == tool.Name);
            Assert.Equal(twin.Description, tool.Description);
            Assert.Equal(twin.ProtocolTool.InputSchema.GetRawText(), tool.ProtocolTool.InputSchema.GetRawText());
        }

        (string Tool, Dictionary<string, object?> Arguments)[] calls =
        [
            ("write_file", new() { ["path"] = "notes/a.txt", ["content"] = "hello\n" }),
            ("read_file", new() { ["path"] = "notes/a.txt" }),
            ("exec", new() { ["command"] = "cat a.txt; echo err >&2; exit 3", ["cwd"] = "notes" }),
            ("exec", new() { ["command"] = "echo out; ls /workspace/notes" }),
            ("exec", new() { ["command"] = "sleep 5", ["timeoutMs"] = 300 }),
            ("list_directory", new() { ["path"] = "notes" }),
            ("read_file", new() { ["path"] = "missing.txt" }),
            ("read_file", new() { ["path"] = "notes" }),
            ("list_directory", new() { ["path"] = "notes/a.txt" }),
            ("exec", new() { ["command"] = "true", ["cwd"] = "nowhere" }),
            ("exec", new() { ["command"] = "true", ["bogus"] = 1 }),
        ];
        foreach (var (tool, arguments) in calls)
        {
            var expected = await inProcess.CallToolAsync(tool, arguments);
            var actual = await onGrain.CallToolAsync(tool, arguments);
            Assert.Equal(Describe(expected), Describe(actual));
        }

        var persisted = await onGrain.CallToolAsync("exec", new Dictionary<string, object?> { ["command"] = "cat notes/a.txt" });
        Assert.Equal("hello\n", persisted.StructuredContent!.Value.GetProperty("stdout").GetString());
    }

    [Fact]
    public async Task Each_session_has_its_own_vm_grain_which_ends_with_the_session()
    {
        await using var node = await StartNodeEndpointAsync();
        var before = await McpVmsAsync();
        var a = await ConnectAsync(node.Endpoint);
        await using var b = await ConnectAsync(node.Endpoint);
        await a.CallToolAsync("write_file", new Dictionary<string, object?> { ["path"] = "/workspace/who", ["content"] = "a" });
        await b.CallToolAsync("write_file", new Dictionary<string, object?> { ["path"] = "/workspace/who", ["content"] = "b" });
        Assert.Equal("a", Text(await a.CallToolAsync("read_file", new Dictionary<string, object?> { ["path"] = "/workspace/who" })));
        Assert.Equal("b", Text(await b.CallToolAsync("read_file", new Dictionary<string, object?> { ["path"] = "/workspace/who" })));

        // Both VMs are cluster VMs (listed with the silo holding each), not VMs of the node serving MCP.
        HashSet<string> ours = [];
        await Retry.WaitUntilAsync(async () =>
        {
            ours = [.. (await McpVmsAsync()).Except(before)];
            return ours.Count == 2;
        }, "both sessions' VMs are listed");

        // The grain behind session a is the VM holding a's file.
        var grains = fixture.Cluster.Client;
        var ofA = "";
        foreach (var name in ours)
        {
            if (await grains.GetVm(name).ReadFileAsync("/workspace/who") is [(byte)'a'])
            {
                ofA = name;
            }
        }

        Assert.NotEqual("", ofA);

        await a.DisposeAsync();
        await Retry.WaitUntilAsync(async () => !(await McpVmsAsync()).Contains(ofA), "the ended session's VM is gone");
        Assert.DoesNotContain(SharedGrainStorage.Entries.Keys, key => key.EndsWith("/" + ofA, StringComparison.Ordinal));
        Assert.Equal("b", Text(await b.CallToolAsync("read_file", new Dictionary<string, object?> { ["path"] = "/workspace/who" })));
    }

    [Fact]
    public async Task A_cancelled_exec_of_a_session_vm_kills_the_command_in_the_grain()
    {
        // The token an exec tool call gets (cancelled when the client cancels the call) reaches the grain.
        var grains = ((InProcessSiloHandle)fixture.Cluster.Silos[1]).SiloHost.Services.GetRequiredService<IGrainFactory>();
        await using var vm = await GrainSessionVm.CreateAsync(grains, new VmSettings(), CancellationToken.None);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var options = new ExecOptions { Timeout = TimeSpan.FromMinutes(5) };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => vm.ExecAsync("sleep 100", options, cancel.Token).WaitAsync(TimeSpan.FromSeconds(60)));

        var grain = fixture.Cluster.Client.GetVm(vm.Name);
        await Retry.WaitUntilAsync(async () => (await grain.GetStatusAsync()).Usage.Processes == 0, "the sleep is killed");
        Assert.Equal("next\n", (await vm.ExecAsync("echo next", options, CancellationToken.None)).Stdout);
    }

    private static async Task<McpClient> ConnectAsync(Uri endpoint) =>
        await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = endpoint, TransportMode = HttpTransportMode.StreamableHttp }));

    /// <summary>The MCP endpoint as <c>agentos node --mcp-http</c> starts it, on the second silo (not the primary).</summary>
    private Task<AgentOsMcpHttpServer> StartNodeEndpointAsync()
    {
        var silo = (InProcessSiloHandle)fixture.Cluster.Silos[1];
        return NodeCommand.StartMcpAsync(silo.SiloHost.Services.GetRequiredService<IGrainFactory>(), new AgentOsMcpHttpOptions(), null, CancellationToken.None);
    }

    private async Task<IReadOnlyList<string>> McpVmsAsync() =>
        [.. (await fixture.Cluster.Client.ListVmsAsync()).Select(v => v.Name).Where(n => n.StartsWith(GrainSessionVm.NamePrefix, StringComparison.Ordinal))];

    private static string Text(CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(b => b.Text));

    /// <summary>Everything a client sees of a result.</summary>
    private static string Describe(CallToolResult result) =>
        $"isError={result.IsError} text={Text(result)} structured={(result.StructuredContent is { } s ? JsonSerializer.Serialize(s) : "none")}";
}
