using System.CommandLine;
using System.Net;
using System.Runtime.InteropServices;
using AgentOs.Cli.Logging;
using AgentOs.Mcp.Http;
using AgentOs.Orleans;
using Microsoft.Extensions.Logging;
using GrainVmSettings = AgentOs.Orleans.VmSettings;

namespace AgentOs.Cli.Cluster;

/// <summary><c>agentos node</c>: runs one member of a cluster until Ctrl-C or SIGTERM.</summary>
internal static class NodeCommand
{
    public static Command Create()
    {
        var defaults = new AgentOsNodeOptions();
        var url = ClusterCli.UrlOption("The cluster to join; its tables are created when missing.");
        url.Required = true;
        var address = new Option<string?>("--address")
        {
            HelpName = "IP",
            Description = $"Address to listen on and advertise to the other nodes and clients (default {defaults.Address}: a cluster on this machine).",
        };
        var siloPort = new Option<int?>("--silo-port") { HelpName = "N", Description = $"Port the nodes talk to each other on (default {defaults.SiloPort})." };
        var gatewayPort = new Option<int?>("--gateway-port") { HelpName = "N", Description = $"Port clients connect to (default {defaults.GatewayPort})." };
        var hostMemory = new Option<string?>("--host-max-memory-bytes")
        {
            HelpName = "SIZE",
            Description = "Memory this node's VMs may claim together: each claims maxMemoryBytes + maxFilesystemBytes; a new VM goes to a node with room (default none).",
        };
        var hostCpu = new Option<double?>("--host-max-cpu-cores") { HelpName = "CORES", Description = "CPU this node's VMs may claim together: each claims maxCpuCores (default none)." };
        var idleTimeout = new Option<string?>("--idle-timeout")
        {
            HelpName = "DURATION",
            Description = $"A VM not called for this long is saved and leaves memory; the next call brings it back (default {defaults.Vms.IdleTimeout.TotalMinutes:0}m).",
        };
        var saveOnDeactivation = new Option<bool>("--save-on-deactivation")
        {
            Description = "Save a VM only when it leaves memory (idle, node stopping) instead of after every call: cheaper, but a node that dies loses its VMs' changes since they were activated.",
        };
        var logLevel = new Option<string?>("--log-level") { HelpName = string.Join('|', CliLogLevel.Names), Description = "Node diagnostics on stderr (default warn)." };
        var mcp = new McpOptionSet(
            "--mcp-http",
            "Also serve MCP (Streamable HTTP) on this address only (default address 127.0.0.1; port 0 picks a free one): each MCP session gets a new cluster VM named mcp-<32 hex digits>, deleted when the session ends.",
            "--mcp-idle-timeout");
        var command = new Command("node", "Run a cluster member (an Orleans silo) that hosts named VMs for agentos exec --cluster, until Ctrl-C. VM state is saved to the cluster store, so a VM comes back on another node when its node fails. With --mcp-http it also serves the MCP tools exec, read_file, write_file and list_directory, each session on its own cluster VM.")
        {
            url, address, siloPort, gatewayPort, hostMemory, hostCpu, idleTimeout, saveOnDeactivation, logLevel,
        };
        mcp.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var store = ClusterCli.ParseStore(parse.GetValue(url)!);
            var tools = mcp.ReadTools(parse, []);
            AgentOsMcpHttpOptions? mcpOptions = parse.GetValue(mcp.Http) is { } mcpAddress
                ? mcp.ReadHttp(parse, mcpAddress, tools)
                : mcp.HasSessionOptions(parse) || mcp.HasToolOptions(parse) ? throw new CliUsageException("--exec-timeout, --max-output-bytes, --max-sessions and --mcp-idle-timeout need --mcp-http") : null;
            var memoryText = parse.GetValue(hostMemory);
            var cores = parse.GetValue(hostCpu);
            _ = SidecarCommand.HostTotals(memoryText, cores); // refuses bad totals now, not inside the node's start-up
            var options = new AgentOsNodeOptions
            {
                Address = parse.GetValue(address) is { } ip
                    ? IPAddress.TryParse(ip, out var parsed) ? parsed : throw new CliUsageException($"--address: '{ip}' is not an IP address")
                    : defaults.Address,
                SiloPort = parse.GetValue(siloPort) ?? defaults.SiloPort,
                GatewayPort = parse.GetValue(gatewayPort) ?? defaults.GatewayPort,
                Vms = new AgentOsSiloOptions
                {
                    MaxTotalMemoryBytes = memoryText is not null && SizeParser.TryParse(memoryText, out var bytes) ? bytes : null,
                    MaxTotalCpuCores = cores,
                    IdleTimeout = parse.GetValue(idleTimeout) is { } idle
                        ? DurationParser.TryParse(idle, out var duration) ? duration : throw new CliUsageException($"--idle-timeout: '{idle}' is not a duration ({DurationParser.Syntax})")
                        : defaults.Vms.IdleTimeout,
                    SavePolicy = parse.GetValue(saveOnDeactivation) ? VmSavePolicy.OnDeactivation : VmSavePolicy.AfterEveryChange,
                },
            };
            var level = CliLogLevel.Resolve(parse.GetValue(logLevel), Environment.GetEnvironmentVariable);
            options.Logging = logging => logging.SetMinimumLevel(level).AddProvider(new StderrLoggerProvider());
            return await ClusterCli.GuardAsync(() => RunAsync(store, options, mcpOptions, level)).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>
    /// Starts a node's MCP endpoint: the same tools as <c>agentos mcp --http</c>, each session on a new VM grain
    /// (<see cref="GrainSessionVm"/>) reached through <paramref name="grains"/>, so its VM lives wherever placement
    /// puts it and survives the failure of the node holding the VM. The MCP session itself lives in this node's memory
    /// (the SDK keeps sessions per process): if this node dies, its clients must start new sessions.
    /// </summary>
    /// <exception cref="IOException">The address cannot be bound.</exception>
    internal static Task<AgentOsMcpHttpServer> StartMcpAsync(IGrainFactory grains, AgentOsMcpHttpOptions options, ILoggerFactory? loggers, CancellationToken cancellationToken)
    {
        var settings = new GrainVmSettings();
        options.CreateVm = ct => GrainSessionVm.CreateAsync(grains, settings, ct);
        return AgentOsMcpHttpServer.StartAsync(options, loggers, cancellationToken);
    }

    private static async Task<int> RunAsync(AgentOsClusterStore store, AgentOsNodeOptions options, AgentOsMcpHttpOptions? mcpOptions, LogLevel level)
    {
        using var stopping = new CancellationTokenSource();
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stopping.Cancel();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        // Fetched once here rather than by the first VM, which a client is waiting on.
        await SoftwareCommands.EnsureCachedAsync([AgentOs.Software.SoftwareCatalog.CommonName], stopping.Token).ConfigureAwait(false);
        AgentOsClusterNode node;
        try
        {
            node = await AgentOsClusterNode.StartAsync(store, options, stopping.Token).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException(ClusterCli.WithoutParameter(e));
        }

        await using (node.ConfigureAwait(false))
        {
            using var loggers = CliLogging.Create(level);
            AgentOsMcpHttpServer? mcp = null;
            try
            {
                if (mcpOptions is not null)
                {
                    try
                    {
                        mcp = await StartMcpAsync(node.Grains, mcpOptions, loggers, stopping.Token).ConfigureAwait(false);
                    }
                    catch (IOException e)
                    {
                        throw new CliUsageException($"--mcp-http: cannot listen on {mcpOptions.Address}: {e.Message}");
                    }
                }

                await Console.Error.WriteLineAsync($"agentos node: member of {store.Url} as silo {node.SiloEndpoint}, gateway {node.GatewayEndpoint}{(mcp is null ? string.Empty : $", MCP on {mcp.Endpoint}")} (Ctrl-C to leave)").ConfigureAwait(false);
                try
                {
                    await Task.Delay(Timeout.Infinite, stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl-C or SIGTERM: leave the cluster.
                }
            }
            finally
            {
                if (mcp is not null)
                {
                    // Before the node leaves: ending the sessions deletes their VMs, which needs the cluster.
                    await mcp.DisposeAsync().ConfigureAwait(false);
                }
            }

            await Console.Error.WriteLineAsync("agentos node: leaving the cluster (saving its VMs)").ConfigureAwait(false);
            await node.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }
}
