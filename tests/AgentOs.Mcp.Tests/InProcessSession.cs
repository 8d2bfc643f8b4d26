using System.IO.Pipelines;
using AgentOs.Kernel.Limits;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace AgentOs.Mcp.Tests;

/// <summary>
/// A real VM served by <see cref="AgentOsMcpServer.RunAsync"/> on one end of an in-memory stream pair and the SDK's
/// <see cref="McpClient"/> on the other: the whole protocol path without a child process.
/// </summary>
internal sealed class InProcessSession : IAsyncDisposable
{
    private readonly Pipe _toServer;
    private readonly Task _server;

    private InProcessSession(AgentOsVm vm, McpClient client, Pipe toServer, Task server)
    {
        Vm = vm;
        Client = client;
        _toServer = toServer;
        _server = server;
    }

    public AgentOsVm Vm { get; }

    public McpClient Client { get; }

    public static async Task<InProcessSession> StartAsync(ResourceLimits? limits = null, AgentOsMcpOptions? options = null)
    {
        AgentOsVm vm = await AgentOsVm.CreateAsync(new AgentOsOptions
        {
            CacheDirectory = TestEnvironment.CacheDirectory,
            Limits = new LimitsOptions { Resources = limits ?? new ResourceLimits() },
        });
        Pipe toServer = new(), toClient = new();
        var transport = new ModelContextProtocol.Server.StreamServerTransport(toServer.Reader.AsStream(), toClient.Writer.AsStream());
        Task server = AgentOsMcpServer.RunAsync(vm, transport, options);
        McpClient client = await McpClient.CreateAsync(new StreamClientTransport(toServer.Writer.AsStream(), toClient.Reader.AsStream()));
        return new InProcessSession(vm, client, toServer, server);
    }

    public ValueTask<CallToolResult> CallAsync(string tool, Dictionary<string, object?> arguments) =>
        Client.CallToolAsync(tool, arguments);

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();

        // The client leaves its end of the stream pair open; completing it is the disconnect the server sees.
        await _toServer.Writer.CompleteAsync();
        await _server.WaitAsync(TimeSpan.FromSeconds(30));
        await Vm.DisposeAsync();
    }
}
