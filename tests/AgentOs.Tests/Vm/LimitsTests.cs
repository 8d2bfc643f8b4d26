using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Processes;

namespace AgentOs.Tests.Vm;

public sealed class LimitsTests
{
    [Fact]
    public async Task EffectiveLimitsAndUsageReflectTheConfiguration()
    {
        await using var vm = await VmOptions.CreateVmAsync(new ResourceLimits { MaxProcesses = 64, MaxOpenFds = 256, MaxSockets = 128, MaxFilesystemBytes = 256 << 20, MaxWasmStackBytes = 4 << 20 });
        Assert.Equal(64, vm.Limits.MaxProcesses);
        Assert.Equal(4 << 20, vm.Limits.MaxWasmStackBytes);
        Assert.Equal(16_384, vm.Limits.MaxInodeCount);

        var processes = vm.LimitUsage.Single(u => u.Limit == LimitNames.Processes);
        Assert.Equal(64, processes.Capacity);
        Assert.Equal("limits.resources.maxProcesses", processes.ConfigPath);
        Assert.Equal(0, processes.Current);

        await vm.ExecAsync("echo a | cat | cat");
        processes = vm.LimitUsage.Single(u => u.Limit == LimitNames.Processes);
        Assert.True(processes.HighWater >= 3, $"high water {processes.HighWater}");
        Assert.True(vm.LimitUsage.Single(u => u.Limit == LimitNames.FilesystemBytes).Current > 0);
    }

    [Fact]
    public async Task ProcessLimitRefusesSpawnNamingTheLimit()
    {
        await using var vm = await VmOptions.CreateVmAsync(new ResourceLimits { MaxProcesses = 1 });
        await using var sleep = vm.Spawn("sleep", ["100"]);
        // Spawn refuses at once; RunAsync/ExecAsync would wait for room instead (BurstTests).
        var ex = Assert.Throws<AgentOsSpawnException>(() => vm.Spawn("true"));
        Assert.Equal("limits.resources.maxProcesses", ex.LimitConfigPath);
        Assert.Equal(AgentOs.Kernel.Errno.EAGAIN, ex.Errno);
    }

    [Fact]
    public async Task LimitWarningFiresWhenAGuestOpensFdsPastEightyPercent()
    {
        await using var vm = await VmOptions.CreateVmAsync(new ResourceLimits { MaxOpenFds = 16 });
        var warnings = new ConcurrentQueue<LimitWarning>();
        vm.LimitWarning += (sender, warning) =>
        {
            Assert.Same(vm, sender);
            warnings.Enqueue(warning);
        };

        // brush holds two descriptors per redirected fd: 3 + 2 × 5 = 13 of 16 (81%).
        var result = await vm.ExecAsync("exec 3</dev/null 4</dev/null 5</dev/null 6</dev/null 7</dev/null; echo opened");
        Assert.Equal("opened\n", result.Stdout);
        var warning = Assert.Single(warnings, w => w.Limit == LimitNames.OpenFds);
        Assert.Equal(16, warning.Capacity);
        Assert.True(warning.FillPercent >= 80);
        Assert.Equal("limits.resources.maxOpenFds", warning.ConfigPath);
    }

    [Fact]
    public async Task NearLimitWarningIsLoggedAtWarningAndUsageSnapshotsAtDebug()
    {
        var debug = new ListLoggerProvider(Microsoft.Extensions.Logging.LogLevel.Debug);
        string vmId;
        await using (var vm = await VmOptions.CreateVmAsync(new ResourceLimits { MaxOpenFds = 16 }, o => o.LoggerFactory = debug))
        {
            vmId = vm.Id;
            await vm.ExecAsync("exec 3</dev/null 4</dev/null 5</dev/null 6</dev/null 7</dev/null; echo opened");
            await vm.ExecAsync("true");
            var warning = Assert.Single(debug.Lines, l => l.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
            Assert.Contains("limit=vm_open_fds", warning.Message);
            Assert.Contains("config=limits.resources.maxOpenFds", warning.Message);
            // Process exits log no snapshot: a busy VM's debug log is not one line per gauge per process.
            Assert.DoesNotContain(debug.Lines, l => l.Message.StartsWith("limit usage", StringComparison.Ordinal));
        }

        // Disposal logs one snapshot, one line per gauge, with the high-water marks the VM reached.
        var snapshot = debug.Lines.Where(l => l.Message.StartsWith("limit usage", StringComparison.Ordinal)).ToList();
        var fds = Assert.Single(snapshot, l => l.Message.StartsWith($"limit usage vm={vmId} limit=vm_open_fds ", StringComparison.Ordinal)).Message;
        Assert.True(int.Parse(System.Text.RegularExpressions.Regex.Match(fds, "high_water=([0-9]+)").Groups[1].Value) >= 13, fds);
        Assert.Equal(snapshot.Count, snapshot.Select(l => l.Message.Split(' ')[3]).Distinct().Count());

        var quiet = new ListLoggerProvider(Microsoft.Extensions.Logging.LogLevel.Warning);
        await using (var vm = await VmOptions.CreateVmAsync(configure: o => o.LoggerFactory = quiet))
        {
            await vm.ExecAsync("echo hi");
        }

        Assert.DoesNotContain(quiet.Lines, l => l.Message.StartsWith("limit usage", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MeterListenerSeesUsageAndCapacityGaugesTaggedByVm()
    {
        await using var vm = await VmOptions.CreateVmAsync(new ResourceLimits { MaxProcesses = 42 });
        var measurements = new ConcurrentBag<(string Instrument, long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "AgentOs")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            measurements.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.Start();
        listener.RecordObservableInstruments();

        bool Has(string instrument, string limit, long value) => measurements.Any(m =>
            m.Instrument == instrument && m.Value == value && Equals(m.Tags["vm.id"], vm.Id) && Equals(m.Tags["limit"], limit));

        Assert.True(Has("agentos.limit.capacity", LimitNames.Processes, 42));
        Assert.True(Has("agentos.limit.usage", LimitNames.Processes, 0));

        await using var sleep = vm.Spawn("sleep", ["100"]);
        measurements.Clear();
        listener.RecordObservableInstruments();
        Assert.True(Has("agentos.limit.usage", LimitNames.Processes, 1));
        Assert.True(Has("agentos.limit.high_water", LimitNames.Processes, 1));
    }

    [Fact]
    public async Task WarningCounterIsRecorded()
    {
        await using var vm = await VmOptions.CreateVmAsync(new ResourceLimits { MaxProcesses = 2 });
        var counted = new ConcurrentBag<(long Value, string? Vm, string? Limit)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "AgentOs" && instrument.Name == "agentos.limit.warnings")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var map = tags.ToArray().ToDictionary(t => t.Key, t => t.Value);
            counted.Add((value, map["vm.id"] as string, map["limit"] as string));
        });
        listener.Start();

        await using var a = vm.Spawn("sleep", ["100"]);
        await using var b = vm.Spawn("sleep", ["100"]);
        Assert.Contains((1L, vm.Id, LimitNames.Processes), counted);
    }

    [Fact]
    public async Task TwoVmsAreIndependent()
    {
        await using var first = await VmOptions.CreateVmAsync(new ResourceLimits { MaxProcesses = 3 });
        await using var second = await VmOptions.CreateVmAsync(new ResourceLimits { MaxProcesses = 7 });
        Assert.NotEqual(first.Id, second.Id);

        first.FileSystem.WriteAllText("only-in-first", "1");
        Assert.False(second.FileSystem.Exists("only-in-first"));
        await using var sleep = first.Spawn("sleep", ["100"]);
        Assert.Single(first.Processes);
        Assert.Empty(second.Processes);
        Assert.Equal(1, first.LimitUsage.Single(u => u.Limit == LimitNames.Processes).Current);
        Assert.Equal(0, second.LimitUsage.Single(u => u.Limit == LimitNames.Processes).Current);
        Assert.Equal("ok\n", (await second.ExecAsync("echo ok")).Stdout);
        Assert.Equal(7, second.Limits.MaxProcesses);
    }

    [Fact]
    public async Task DisposeEndsRunningProcessesAndFreesTheBudget()
    {
        var vm = await VmOptions.CreateVmAsync();
        var sleep = vm.Spawn("sleep", ["100"]);
        var started = Environment.TickCount64;
        await vm.DisposeAsync();
        var exit = await sleep.WaitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(Signals.SIGTERM, exit.Signal);
        Assert.True(Environment.TickCount64 - started < 10_000);
        Assert.Empty(vm.Processes);
        Assert.All(vm.LimitUsage.Where(u => u.Limit is LimitNames.Processes or LimitNames.Pipes or LimitNames.OpenFds), u => Assert.Equal(0, u.Current));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => vm.ExecAsync("true"));
    }
}
