using System.Diagnostics;
using System.Globalization;
using AgentOs.Kernel.Limits;
using AgentOs.Software;
using AgentOs.Wasm;

using static AgentOs.Benchmarks.ScenarioTiming;

namespace AgentOs.Benchmarks;

/// <summary>
/// End-to-end figures that BenchmarkDotNet's per-invocation model fits badly (process lifetimes, caches, RSS):
/// each scenario runs a fixed number of times with a Stopwatch and prints median/p99. Run in Release.
/// </summary>
internal static class VmScenarios
{
    public static async Task RunAsync()
    {
        Console.WriteLine("AgentOs VM scenarios (Release, " + Environment.ProcessorCount + " cores)");
        await CompileVersusWarmLoadAsync();

        var created = Stopwatch.StartNew();
        await using (var first = await AgentOsVm.CreateAsync(Options()))
        {
            Report("CreateAsync, first in process", created.Elapsed.TotalMilliseconds);
            await first.ExecAsync("true");
        }

        var creates = await TimeAsync(20, async () => await (await AgentOsVm.CreateAsync(Options())).DisposeAsync());
        Report("CreateAsync + DisposeAsync, warm", creates);

        await using var vm = await AgentOsVm.CreateAsync(Options());
        await vm.ExecAsync("echo warm");
        Report("ExecAsync(\"echo hello\") (sh -c)", await TimeAsync(200, () => vm.ExecAsync("echo hello")));
        Report("RunAsync(\"true\") (no shell)", await TimeAsync(200, () => vm.RunAsync("true")));
        Report("head -c 10MiB /dev/zero | wc -c", await TimeAsync(10, () => vm.ExecAsync("head -c 10485760 /dev/zero | wc -c")));
        await vm.ExecAsync("head -c 10485760 /dev/zero > /tmp/ten");
        Report("cat 10MiB file | wc -c", await TimeAsync(10, () => vm.ExecAsync("cat /tmp/ten | wc -c")));
        Report("seq 1 100000 | sort -rn | head -1", await TimeAsync(10, () => vm.ExecAsync("seq 1 100000 | sort -rn | head -1")));

        const int Spawns = 300;
        var rate = Stopwatch.StartNew();
        for (var i = 0; i < Spawns; i++)
        {
            await vm.RunAsync("true");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"processes/second (sequential RunAsync true)",-45} {Spawns / rate.Elapsed.TotalSeconds,10:F0}"));
        var loop = Stopwatch.StartNew();
        await vm.ExecAsync("for i in $(seq 1 200); do /bin/true; done");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"processes/second (shell loop of /bin/true)",-45} {200 / loop.Elapsed.TotalSeconds,10:F0}"));
        await IdleVmMemoryAsync();
    }

    private static AgentOsOptions Options() => new()
    {
        Limits = new LimitsOptions { Resources = new ResourceLimits { MaxFilesystemBytes = 64L << 20 } },
    };

    private static async Task CompileVersusWarmLoadAsync()
    {
        using var resolver = new SoftwareResolver(new SoftwareResolverOptions());
        var coreutils = (await resolver.ResolveAsync(["coreutils"])).Single();
        var package = PackageBytes.ReadEntry(coreutils.Path, "/bin/sh");
        var directory = Directory.CreateTempSubdirectory("agentos-bench-modules").FullName;
        try
        {
            using (var cold = new WasmRuntime(directory))
            {
                var compile = Stopwatch.StartNew();
                cold.LoadForBenchmark(package, 1L << 20);
                Report("sh (3 MB): cold compile + serialize", compile.Elapsed.TotalMilliseconds);
            }

            using var warm = new WasmRuntime(directory);
            var load = Stopwatch.StartNew();
            warm.LoadForBenchmark(package, 1L << 20);
            Report("sh: warm load from disk cache", load.Elapsed.TotalMilliseconds);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    // Staircase: add idle VMs one at a time and average the RSS step.
    private static async Task IdleVmMemoryAsync()
    {
        const int Count = 20;
        var vms = new List<AgentOsVm>();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = Process.GetCurrentProcess().WorkingSet64;
        for (var i = 0; i < Count; i++)
        {
            vms.Add(await AgentOsVm.CreateAsync(Options()));
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var after = Process.GetCurrentProcess().WorkingSet64;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"RSS per idle VM (20-VM staircase)",-45} {(after - before) / Count / 1024.0,10:F0} KiB"));
        foreach (var vm in vms)
        {
            await vm.DisposeAsync();
        }
    }
}
