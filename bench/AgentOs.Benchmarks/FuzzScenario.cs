using System.Diagnostics;
using System.Globalization;
using AgentOs.Wasm;
using AgentOs.Wasm.Tests.Fuzz;

namespace AgentOs.Benchmarks;

/// <summary>
/// Long ABI fuzzing campaigns (<c>-- fuzz [--seed N] [--programs N] [--calls N] [--deadline-ms N] [--only NAME]</c>): generated
/// guests make hostile calls to every host function, each program in a fresh VM; any internal error, hang, leftover
/// guest thread or leaked gauge is printed with the seed that reproduces it, and the host's RSS and thread count are
/// measured before and after. Exits 1 on a finding.
/// </summary>
internal static class FuzzScenario
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seed = Option(args, "--seed", Environment.TickCount & 0x7FFFFFFF);
        var programs = Option(args, "--programs", 5000);
        var calls = Option(args, "--calls", 400);
        var deadline = TimeSpan.FromMilliseconds(Option(args, "--deadline-ms", 500));
        // --only fd_pipe: every call goes to that one function, to dig into it.
        var onlyAt = Array.IndexOf(args, "--only");
        int? only = onlyAt >= 0 && onlyAt + 1 < args.Length
            ? Enumerable.Range(0, AbiFuzzProgram.Targets.Count).First(i => AbiFuzzProgram.Targets[i].Name == args[onlyAt + 1])
            : null;
        var cache = Path.Combine(Path.GetTempPath(), "agentos-fuzz-" + Environment.ProcessId);
        try
        {
            using var runtime = new WasmRuntime(cache);
            var campaign = new AbiFuzzCampaign(runtime, deadline);
            Console.WriteLine($"ABI fuzzing: seeds {seed}..{seed + programs - 1}, {calls} calls each, deadline {deadline.TotalMilliseconds:0} ms");

            // A warm-up program first, so the baseline includes the engine, the linker and the runtime's own threads.
            await campaign.RunAsync(seed, calls, only);
            var (rss0, threads0) = Measure();
            var wall = Stopwatch.StartNew();
            for (var i = 1; i < programs; i++)
            {
                var findings = campaign.Findings.Count;
                await campaign.RunAsync(seed + i, calls, only);
                foreach (var finding in campaign.Findings.Skip(findings))
                {
                    Console.WriteLine("FINDING " + finding);
                }

                if (i % 500 == 0)
                {
                    var (rss, threads) = Measure();
                    Console.WriteLine($"  {i} programs, {campaign.Calls:N0} calls, {campaign.Killed} killed at the deadline, {wall.Elapsed.TotalSeconds:F0} s; RSS {rss >> 20} MiB, {threads} threads");
                }
            }

            var (rss1, threads1) = Measure();
            Console.WriteLine($"{campaign.Programs} programs, {campaign.Calls:N0} calls in {wall.Elapsed.TotalSeconds:F1} s ({campaign.Calls / wall.Elapsed.TotalSeconds:N0} calls/s); {campaign.Killed} killed at the deadline");
            Console.WriteLine($"RSS {rss0 >> 20} → {rss1 >> 20} MiB, threads {threads0} → {threads1}; findings: {campaign.Findings.Count}");
            return campaign.Findings.Count == 0 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    // RSS after a full collection, so what remains is what the campaign kept.
    private static (long Rss, int Threads) Measure()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var self = Process.GetCurrentProcess();
        return (self.WorkingSet64, self.Threads.Count);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
