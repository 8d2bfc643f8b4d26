using System.Reflection;
using AgentOs.Mcp.Tools;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace AgentOs.Mcp;

/// <summary>
/// An MCP server whose tools (<c>exec</c>, <c>read_file</c>, <c>write_file</c>, <c>list_directory</c>) act on one
/// <see cref="AgentOsVm"/> (or any <see cref="IMcpSessionVm"/>): one VM per MCP session, owned by the caller, whose
/// state persists between calls.
/// </summary>
public static class AgentOsMcpServer
{
    /// <summary>The server name announced to clients.</summary>
    public const string Name = "agentos";

    /// <summary>The tools bound to <paramref name="vm"/>; descriptions name its commands and limits.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static IReadOnlyList<McpServerTool> CreateTools(AgentOsVm vm, AgentOsMcpOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(vm);
        return CreateTools(new InProcessSessionVm(vm, ownsVm: false), options);
    }

    /// <summary>The tools bound to <paramref name="vm"/>, a VM this process may not hold (see <see cref="IMcpSessionVm"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static IReadOnlyList<McpServerTool> CreateTools(IMcpSessionVm vm, AgentOsMcpOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(vm);
        options ??= new AgentOsMcpOptions();
        options.Validate();
        return
        [
            new ExecTool(vm, options, VmDescription.Exec(vm, options)),
            new ReadFileTool(vm, options),
            new WriteFileTool(vm, options),
            new ListDirectoryTool(vm, options),
        ];
    }

    /// <summary>Server options (name, version, instructions for the model, the tools) for a session on <paramref name="vm"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static McpServerOptions CreateServerOptions(AgentOsVm vm, AgentOsMcpOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(vm);
        var serverOptions = new McpServerOptions();
        Configure(serverOptions, new InProcessSessionVm(vm, ownsVm: false), options);
        return serverOptions;
    }

    /// <summary>
    /// Serves one session on <paramref name="transport"/> until the client disconnects or
    /// <paramref name="cancellationToken"/> fires; commands still running are cancelled. The VM is not disposed.
    /// </summary>
    public static async Task RunAsync(AgentOsVm vm, ITransport transport, AgentOsMcpOptions? options = null, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transport);
        McpServer server = McpServer.Create(transport, CreateServerOptions(vm, options), loggerFactory);
        await using (server.ConfigureAwait(false))
        {
            await server.RunAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Serves one session over this process's stdin/stdout (nothing else may write to stdout meanwhile).</summary>
    public static async Task RunStdioAsync(AgentOsVm vm, AgentOsMcpOptions? options = null, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        var transport = new StdioServerTransport(Name, loggerFactory);
        await using (transport.ConfigureAwait(false))
        {
            await RunAsync(vm, transport, options, loggerFactory, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Fills in <paramref name="serverOptions"/> (also ones the HTTP transport made for a session) for <paramref name="vm"/>.</summary>
    internal static void Configure(McpServerOptions serverOptions, IMcpSessionVm vm, AgentOsMcpOptions? options)
    {
        serverOptions.ServerInfo = new Implementation { Name = Name, Version = Version };
        serverOptions.ServerInstructions = VmDescription.Instructions(vm);
        serverOptions.ToolCollection = [];
        foreach (McpServerTool tool in CreateTools(vm, options))
        {
            serverOptions.ToolCollection.Add(tool);
        }
    }

    private static string Version { get; } =
        typeof(AgentOsMcpServer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
