using System.CommandLine;
using System.Net;
using System.Runtime.InteropServices;
using AgentOs.Cli.Logging;
using AgentOs.Orleans;
using Microsoft.Extensions.Logging;

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
        var command = new Command("node", "Run a cluster member (an Orleans silo) that hosts named VMs for agentos exec --cluster, until Ctrl-C. VM state is saved to the cluster store, so a VM comes back on another node when its node fails.")
        {
            url, address, siloPort, gatewayPort, hostMemory, hostCpu, idleTimeout, saveOnDeactivation, logLevel,
        };
        command.SetAction(async (parse, ct) =>
        {
            var store = ClusterCli.ParseStore(parse.GetValue(url)!);
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
            return await ClusterCli.GuardAsync(() => RunAsync(store, options)).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(AgentOsClusterStore store, AgentOsNodeOptions options)
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
            await Console.Error.WriteLineAsync($"agentos node: member of {store.Url} as silo {node.SiloEndpoint}, gateway {node.GatewayEndpoint} (Ctrl-C to leave)").ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C or SIGTERM: leave the cluster.
            }

            await Console.Error.WriteLineAsync("agentos node: leaving the cluster (saving its VMs)").ConfigureAwait(false);
            await node.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }
}
