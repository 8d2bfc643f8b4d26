using AgentOs.Kernel.Limits;

using static AgentOs.Benchmarks.ScenarioTiming;

namespace AgentOs.Benchmarks;

/// <summary>VM state (issue #14): saving and loading a VM holding 10,000 files / 100 MB, and forking it.</summary>
internal static class StateScenario
{
    private const int Files = 10_000;
    private const int FileBytes = 10_000;

    public static async Task RunAsync()
    {
        Console.WriteLine("AgentOs state scenarios (Release, " + Environment.ProcessorCount + " cores)");
        var options = new AgentOsOptions
        {
            Limits = new LimitsOptions { Resources = new ResourceLimits { MaxFilesystemBytes = 256L << 20, MaxInodeCount = 20_000 } },
        };
        await using var vm = await AgentOsVm.CreateAsync(options);
        var data = new byte[FileBytes];
        var random = new Random(1);
        for (var i = 0; i < Files; i++)
        {
            if (i % 100 == 0)
            {
                vm.FileSystem.CreateDirectory($"/workspace/d{i / 100}");
            }

            // Half random (incompressible), half repetitive, so gzip has real work either way.
            if (i % 2 == 0)
            {
                random.NextBytes(data);
            }
            else
            {
                Array.Fill(data, (byte)i);
            }

            vm.FileSystem.WriteAllBytes($"/workspace/d{i / 100}/f{i}", data);
        }

        Console.WriteLine($"tree: {Files} files x {FileBytes} bytes = {Files * (long)FileBytes / 1_000_000} MB");
        var state = new MemoryStream();
        Report("SaveStateAsync (to memory)", await TimeAsync(5, async () =>
        {
            state.SetLength(0);
            await vm.SaveStateAsync(state);
        }));
        Console.WriteLine($"state size: {state.Length / 1_000_000.0:F1} MB");

        Report("CreateAsync from the state (load + VM)", await TimeAsync(5, async () =>
        {
            state.Position = 0;
            await (await AgentOsVm.CreateAsync(new AgentOsOptions { Limits = options.Limits, State = state })).DisposeAsync();
        }));
        Report("CreateAsync without a state (baseline)", await TimeAsync(5, async () => await (await AgentOsVm.CreateAsync(options)).DisposeAsync()));

        var file = Path.Join(Path.GetTempPath(), $"agentos-bench-{Environment.ProcessId}.state");
        try
        {
            Report("SaveStateAsync to a file (+ fsync)", await TimeAsync(5, async () =>
            {
                await using var stream = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
                await vm.SaveStateAsync(stream);
                stream.Flush(flushToDisk: true);
            }));
        }
        finally
        {
            File.Delete(file);
        }

        Report("ForkAsync (copy-on-write, whole VM)", await TimeAsync(5, async () => await (await vm.ForkAsync()).DisposeAsync()));
        var snapshot = System.Diagnostics.Stopwatch.StartNew();
        var tree = vm.Kernel.FileSystem.Snapshot();
        Report($"filesystem copy-on-write snapshot alone ({tree.Inodes} inodes, {tree.Bytes / 1_000_000} MB)", snapshot.Elapsed.TotalMilliseconds);
    }
}
