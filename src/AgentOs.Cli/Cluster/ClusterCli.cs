using System.CommandLine;
using AgentOs.Orleans;

namespace AgentOs.Cli.Cluster;

/// <summary>What the cluster commands share: the <c>--cluster</c> option and how their failures are reported.</summary>
internal static class ClusterCli
{
    /// <summary>How long a client waits to reach the cluster before giving up with a message.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);

    public static Option<string?> UrlOption(string description) => new("--cluster")
    {
        HelpName = "URL",
        Description = description + " URL: postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE, the store of the cluster's membership and VM state.",
    };

    /// <exception cref="CliUsageException">The URL is not a store URL.</exception>
    public static AgentOsClusterStore ParseStore(string url)
    {
        try
        {
            return AgentOsClusterStore.Parse(url);
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException(WithoutParameter(e));
        }
    }

    /// <summary>Runs a cluster action; the cluster's own failures (store, nodes, VM state, capacity) become one line
    /// on stderr and exit code 1.</summary>
    public static async Task<int> GuardAsync(Func<Task<int>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or OrleansException or TimeoutException)
        {
            await Console.Error.WriteLineAsync("agentos: " + e.Message.ReplaceLineEndings(" ")).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }

    /// <summary>An argument error's message without its " (Parameter 'x')" tail.</summary>
    public static string WithoutParameter(ArgumentException e) =>
        e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", string.Empty, StringComparison.Ordinal);
}
