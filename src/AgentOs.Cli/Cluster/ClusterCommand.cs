using System.CommandLine;
using AgentOs.Orleans;

namespace AgentOs.Cli.Cluster;

/// <summary><c>agentos cluster vms</c>: the cluster's active VMs.</summary>
internal static class ClusterCommand
{
    public static Command Create()
    {
        var url = ClusterCli.UrlOption("The cluster.");
        url.Required = true;
        var vms = new Command("vms", "Print one line per active VM of the cluster: name, the node (silo address:port) holding it, its usage (tab-separated).") { url };
        vms.SetAction(async (parse, ct) =>
        {
            var store = ClusterCli.ParseStore(parse.GetValue(url)!);
            return await ClusterCli.GuardAsync(async () =>
            {
                using var connecting = new CancellationTokenSource(ClusterCli.ConnectTimeout);
                var client = await AgentOsClusterClient.ConnectAsync(store, connecting.Token).ConfigureAwait(false);
                await using (client.ConfigureAwait(false))
                {
                    foreach (var vm in await client.Grains.ListVmsAsync().ConfigureAwait(false))
                    {
                        await Console.Out.WriteLineAsync($"{vm.Name}\t{vm.Silo}\t{vm.Usage}").ConfigureAwait(false);
                    }
                }

                return ExitCodes.Success;
            }).ConfigureAwait(false);
        });
        return new Command("cluster", "Inspect a cluster of agentos nodes (see agentos node).") { vms };
    }
}
