using System.Diagnostics;
using AgentOs.Orleans;
using AgentOs.Testing;

using static AgentOs.Benchmarks.ScenarioTiming;

namespace AgentOs.Benchmarks;

/// <summary>
/// The cluster (issue #17): two <c>agentos node</c> processes on a PostgreSQL store and an in-process client; exec
/// latency through the cluster against an in-process VM, the cost of saving a 10 MiB workspace after a call, and the
/// time from killing the node that holds a VM to the first call served by the survivor.
/// Usage: <c>cluster postgres://USER@HOST:PORT/DATABASE</c> (an empty database, or one a cluster already uses);
/// the nodes are the built CLI (src/AgentOs.Cli/bin/Release/net10.0/AgentOs.Cli, or $AGENTOS).
/// </summary>
internal static class ClusterScenario
{
    private const int Runs = 30;

    public static async Task RunAsync(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: cluster postgres://USER@HOST:PORT/DATABASE");
            Environment.Exit(2);
        }

        Console.WriteLine("AgentOs cluster scenarios (Release, " + Environment.ProcessorCount + " cores)");
        var store = AgentOsClusterStore.Parse(args[1]);
        await store.EnsureSchemaAsync();
        var nodes = new List<(Process Process, int SiloPort)>();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                nodes.Add(await StartNodeAsync(args[1]));
            }

            await using var client = await AgentOsClusterClient.ConnectAsync(store);
            var name = "bench-" + Guid.NewGuid().ToString("N")[..8];
            var vm = await client.Grains.CreateVmAsync(name, new VmSettings { MaxFilesystemBytes = 64L << 20 });
            await vm.ExecAsync("true");

            await using (var local = await AgentOsVm.CreateAsync())
            {
                await local.ExecAsync("true");
                Report("exec true, in-process VM", await TimeAsync(Runs, () => local.ExecAsync("true")));
            }

            Report("exec true, cluster VM (call + save, empty)", await TimeAsync(Runs, () => vm.ExecAsync("true")));

            var data = new byte[10 << 20];
            new Random(1).NextBytes(data); // incompressible: the snapshot's gzip cannot shrink it
            await vm.WriteFileAsync("/workspace/ten.bin", data);
            Report("exec true, cluster VM (call + save, 10 MiB)", await TimeAsync(10, () => vm.ExecAsync("true")));

            var holder = (await client.Grains.ListVmsAsync()).Single(v => v.Name == name).Silo;
            var victim = nodes.Single(n => holder.EndsWith(":" + n.SiloPort, StringComparison.Ordinal));
            var watch = Stopwatch.StartNew();
            victim.Process.Kill(entireProcessTree: true);
            var size = await ExecAfterFailureAsync(vm, "wc -c < /workspace/ten.bin");
            Report($"kill -9 holder -> next call served ({size.Trim()} B restored)", watch.Elapsed.TotalMilliseconds);
        }
        finally
        {
            foreach (var (process, _) in nodes)
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }

                process.Dispose();
            }
        }
    }

    /// <summary>Retries while the cluster has not yet declared the dead node dead.</summary>
    private static async Task<string> ExecAfterFailureAsync(IVmGrain vm, string command)
    {
        while (true)
        {
            try
            {
                var result = await vm.ExecAsync(command);
                return System.Text.Encoding.UTF8.GetString(result.Stdout);
            }
            catch (Exception e) when (e is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException)
            {
                await Task.Delay(100);
            }
        }
    }

    private static async Task<(Process, int)> StartNodeAsync(string url)
    {
        var silo = LoopbackPort.Free();
        var start = new ProcessStartInfo(Cli()) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in (string[])["node", "--cluster", url, "--silo-port", silo.ToString(System.Globalization.CultureInfo.InvariantCulture), "--gateway-port", LoopbackPort.Free().ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        while (await process.StandardError.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("agentos node: member of ", StringComparison.Ordinal))
            {
                _ = process.StandardError.ReadToEndAsync();
                return (process, silo);
            }
        }

        throw new InvalidOperationException("agentos node exited before joining");
    }

    private static string Cli()
    {
        if (Environment.GetEnvironmentVariable("AGENTOS") is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AgentOs.slnx")))
            {
                return Path.Combine(dir.FullName, "src", "AgentOs.Cli", "bin", "Release", "net10.0", "AgentOs.Cli");
            }
        }

        return "agentos";
    }
}
