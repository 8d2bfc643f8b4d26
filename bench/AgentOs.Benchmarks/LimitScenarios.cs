using System.Diagnostics;
using System.Globalization;
using AgentOs.Kernel.Limits;

using static AgentOs.Benchmarks.ScenarioTiming;

namespace AgentOs.Benchmarks;

/// <summary>
/// Figures for the CPU and memory budgets (<c>-- limits</c>): what waiting costs, what the CPU share buys a sibling
/// VM, what the accounting costs a busy pipeline, host RSS under a memory bomb, many waiting VMs, and echo throughput
/// with concurrent callers. <c>-- limits waiting N</c> runs only the waiting VMs.
/// </summary>
internal static class LimitScenarios
{
    private const string Pipeline = "seq 1 1000000 | awk '{s+=$1} END {print s}'";

    public static async Task RunAsync(string[] args)
    {
        // `limits` runs everything; `limits waiting [N]` only the N (default 1,000) waiting VMs, `limits throughput`
        // only the echo throughput, `limits sibling` only the sibling latency, `limits engine` only the engine-setting and
        // accounting costs.
        if (args.Length > 1 && args[1] == "throughput")
        {
            await ThroughputAsync();
            return;
        }

        if (args.Length > 1 && args[1] == "sibling")
        {
            await SiblingLatencyAsync();
            return;
        }

        if (args.Length > 1 && args[1] == "engine")
        {
            EngineScenario.Run();
            return;
        }

        var onlyWaiting = args.Length > 1 && args[1] == "waiting";
        var waitingVms = args.Length > 2 && int.TryParse(args[2], CultureInfo.InvariantCulture, out var n) ? n : 1000;
        Console.WriteLine("AgentOs limit scenarios (Release, " + Environment.ProcessorCount + " cores)");
        if (onlyWaiting)
        {
            await WaitingVmsAsync(waitingVms);
            return;
        }

        await WaitingCostAsync();
        await PipelineCostAsync();
        EngineScenario.Run();
        await SiblingLatencyAsync();
        await MemoryBombAsync();
        await ThroughputAsync();
        await WaitingVmsAsync(waitingVms);
    }

    private static async Task WaitingCostAsync()
    {
        await using var vm = await AgentOsVm.CreateAsync(new AgentOsOptions());
        await vm.ExecAsync("true");
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        await vm.ExecAsync("sleep 3; echo done");
        Line("sh -c 'sleep 3; echo done': host CPU", $"{(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:F0} ms in {wall.ElapsedMilliseconds} ms wall; guest CPU {vm.CpuTime.TotalMilliseconds:F0} ms");
    }

    private static async Task PipelineCostAsync()
    {
        // Enough cores that the share never throttles: what remains is the cost of the accounting itself.
        foreach (var cores in new[] { 64.0, 1.0 })
        {
            await using var vm = await AgentOsVm.CreateAsync(WithLimits(new ResourceLimits { MaxCpuCores = cores }));
            await vm.ExecAsync(Pipeline);
            Report($"{Pipeline} (maxCpuCores {cores})", await TimeAsync(3, () => vm.ExecAsync(Pipeline)));
        }

        // Where the pipeline's time goes: the plumbing (a million lines through a pipe) against the package's awk
        // interpreting a million loop iterations with no input at all.
        await using var parts = await AgentOsVm.CreateAsync(new AgentOsOptions());
        foreach (var part in new[] { "seq 1 1000000 | cat > /dev/null", "awk 'BEGIN{for(i=0;i<1000000;i++)s+=i; print s}'" })
        {
            Report("  of which: " + part, await TimeAsync(3, () => parts.ExecAsync(part)));
        }
    }

    private static async Task SiblingLatencyAsync()
    {
        await using var quiet = await AgentOsVm.CreateAsync(new AgentOsOptions());
        await quiet.ExecAsync("echo warm");
        Report("sibling echo, idle host", await TimeAsync(100, () => quiet.ExecAsync("echo ok")));

        await using var hogs = await AgentOsVm.CreateAsync(new AgentOsOptions());
        using var stop = new CancellationTokenSource();
        var spinners = Enumerable.Range(0, 6).Select(_ => hogs.ExecAsync("while :; do :; done", cancellationToken: stop.Token)).ToArray();
        await Task.Delay(500);
        Report("sibling echo, 6 spinning sh in a 1-core VM", await TimeAsync(100, () => quiet.ExecAsync("echo ok")));
        Line("  the hogging VM's CPU / throttled", $"{hogs.CpuTime.TotalSeconds:F2} s / {hogs.CpuThrottledTime.TotalSeconds:F2} s");
        await stop.CancelAsync();
        foreach (var spinner in spinners)
        {
            try
            {
                await spinner;
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private static async Task MemoryBombAsync()
    {
        var before = RssBytes();
        await using var vm = await AgentOsVm.CreateAsync(new AgentOsOptions());
        var bombs = string.Concat(Enumerable.Repeat("awk 'BEGIN{s=\"x\"; while(1) s=s s}' & ", 16));
        var peak = 0L;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, RssBytes());
                await Task.Delay(5);
            }
        });
        await vm.ExecAsync(bombs + "wait");
        await sampling.CancelAsync();
        await sampler;
        var gauge = vm.LimitUsage.Single(u => u.Limit == LimitNames.MemoryBytes);
        Line("16 awk memory bombs, default limits", $"host RSS +{(peak - before) / (1 << 20)} MiB at peak; vm_memory_bytes high water {gauge.HighWater / (1 << 20)} of {gauge.Capacity / (1 << 20)} MiB");
    }

    private static async Task ThroughputAsync()
    {
        foreach (var callers in new[] { 1, 2, 8, 32 })
        {
            var vms = new AgentOsVm[callers];
            for (var i = 0; i < callers; i++)
            {
                vms[i] = await AgentOsVm.CreateAsync(new AgentOsOptions());
                await vms[i].ExecAsync("true");
            }

            var samples = new System.Collections.Concurrent.ConcurrentBag<double>();
            var total = Stopwatch.StartNew();
            await Task.WhenAll(vms.Select(vm => Task.Run(async () =>
            {
                for (var i = 0; i < 400 / callers + 20; i++)
                {
                    var one = Stopwatch.StartNew();
                    await vm.ExecAsync("echo ok");
                    samples.Add(one.Elapsed.TotalMilliseconds);
                }
            })));
            var elapsed = total.Elapsed.TotalSeconds;
            var sorted = samples.Order().ToArray();
            Line($"echo throughput, {callers} concurrent callers", $"{sorted.Length / elapsed:F0}/s, median {sorted[sorted.Length / 2]:F2} ms, p99 {sorted[(int)(sorted.Length * 0.99)]:F2} ms");
            foreach (var vm in vms)
            {
                await vm.DisposeAsync();
            }
        }
    }

    private static async Task WaitingVmsAsync(int count)
    {
        var vms = new AgentOsVm[count];
        var wall = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes();
        int[] collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        for (var i = 0; i < count; i++)
        {
            vms[i] = await AgentOsVm.CreateAsync(new AgentOsOptions());
        }

        var created = wall.Elapsed;
        var createCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var createAllocated = GC.GetTotalAllocatedBytes() - allocated;
        var runs = vms.Select(vm => vm.ExecAsync("sleep 5; echo done")).ToArray();
        while (vms.Count(vm => vm.Processes.Count == 2) < count && !runs.All(r => r.IsCompleted))
        {
            await Task.Delay(10);
        }

        var started = wall.Elapsed - created;
        var startedCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var waitingFrom = wall.Elapsed;
        var results = await Task.WhenAll(runs);
        var waitingCpu = Process.GetCurrentProcess().TotalProcessorTime - startedCpu;
        var waiting = wall.Elapsed - waitingFrom;
        Line($"{count} VMs each running 'sleep 5; echo done'", $"{wall.Elapsed.TotalSeconds:F1} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1} s CPU, {results.Count(r => r.Stdout == "done\n")} done");
        Line("  of which: creating the VMs", $"{created.TotalSeconds:F1} s wall, {createCpu.TotalSeconds:F1} s CPU, {createAllocated >> 20} MiB allocated");
        Line("  managed heap", $"{(GC.GetTotalAllocatedBytes() - allocated) >> 20} MiB allocated in all; GCs gen0/1/2: {GC.CollectionCount(0) - collections[0]}/{GC.CollectionCount(1) - collections[1]}/{GC.CollectionCount(2) - collections[2]}, {GC.GetTotalPauseDuration().TotalSeconds:F1} s paused");
        Line("  of which: until every sleep ran", $"{started.TotalSeconds:F1} s wall");
        Line("  of which: then until all done", $"{waiting.TotalSeconds:F1} s wall, {waitingCpu.TotalSeconds:F1} s CPU");
        var disposing = Stopwatch.StartNew();
        foreach (var vm in vms)
        {
            await vm.DisposeAsync();
        }

        Line($"  DisposeAsync of {count} idle VMs", $"{disposing.Elapsed.TotalMilliseconds:F0} ms");
    }

    private static AgentOsOptions WithLimits(ResourceLimits limits) => new() { Limits = new LimitsOptions { Resources = limits } };

    private static long RssBytes()
    {
        Process.GetCurrentProcess().Refresh();
        return Process.GetCurrentProcess().WorkingSet64;
    }

    private static void Line(string name, string figures) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-45} {figures}"));
}
