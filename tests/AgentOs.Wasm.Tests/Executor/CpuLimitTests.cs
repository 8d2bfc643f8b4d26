using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Processes;

namespace AgentOs.Wasm.Tests.Executor;

/// <summary>The VM's CPU share and RLIMIT_CPU, enforced on real wasm running in the executor.</summary>
public sealed class CpuLimitTests
{
    // setrlimit(RLIMIT_CPU, soft 1 s, hard 2 s), then spins forever.
    private const string SpinUnderCpuLimit = """
        (module
          (import "host_process" "proc_setrlimit" (func $setrlimit (param i32 i64 i64) (result i32)))
          (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
          (memory (export "memory") 1)
          (func (export "_start")
            (if (call $setrlimit (i32.const 0) (i64.const 1) (i64.const 2)) (then (call $exit (i32.const 99))))
            (loop $l (br $l))))
        """;

    // 300M iterations: far more CPU than one period's quota of the test VM.
    private const string Busy = """
        (module
          (memory (export "memory") 1)
          (func (export "_start") (local i32)
            (local.set 0 (i32.const 300000000))
            (loop $l (local.set 0 (i32.sub (local.get 0) (i32.const 1))) (br_if $l (local.get 0)))))
        """;

    private const string Spin = """
        (module (memory (export "memory") 1) (func (export "_start") (loop $l (br $l))))
        """;

    [Fact]
    public async Task RlimitCpuEndsASpinningGuestWithSigxcpu()
    {
        using var vm = new ExecutorHarness();
        vm.Install("/bin/spin", SpinUnderCpuLimit);

        var (status, _, _) = await vm.RunAsync("spin");

        Assert.Equal(Signals.SIGXCPU, status.Signal);
    }

    [Fact]
    public async Task AGuestOverTheVmShareIsThrottledAndItsCpuTimeCounted()
    {
        using var vm = new ExecutorHarness(new ResourceLimits { MaxCpuCores = 0.1 });
        vm.Install("/bin/busy", Busy);

        var (status, _, _) = await vm.RunAsync("busy");

        Assert.Equal(0, status.Code);
        Assert.True(vm.Kernel.Cpu.Used > TimeSpan.Zero);
        Assert.True(vm.Kernel.Cpu.Throttled > TimeSpan.Zero, $"used {vm.Kernel.Cpu.Used}, never throttled");
    }

    [Fact]
    public async Task AThrottledGuestIsStillKilledAtOnce()
    {
        using var vm = new ExecutorHarness(new ResourceLimits { MaxCpuCores = 0.01 });
        vm.Install("/bin/spin", Spin);
        var run = vm.RunAsync("spin");
        await WaitUntilAsync(() => vm.Kernel.Cpu.Throttled > TimeSpan.Zero);

        Assert.Equal(1, vm.Kernel.Processes.SignalAll(Signals.SIGKILL));

        // A park lasts up to a second per tick; the kill must end it instead (the harness gives up after 60 s).
        var (status, _, _) = await run;
        Assert.Equal(Signals.SIGKILL, status.Signal);
    }

    [Theory]
    [InlineData(1.0, 1)]
    [InlineData(2.0, 2)]
    [InlineData(0.5, 1)]
    public async Task SpinningGuestsTakeTurnsOnTheVmsCores(double cores, int slots)
    {
        // Three guests that never block: only ⌈maxCpuCores⌉ of them run at once, the rest wait their turn, so a VM's
        // busy threads never take more of the host's cores than its share names.
        using var vm = new ExecutorHarness(new ResourceLimits { MaxCpuCores = cores });
        vm.Install("/bin/spin", Spin);
        var runs = Enumerable.Range(0, 3).Select(_ => vm.RunAsync("spin")).ToArray();

        await WaitUntilAsync(() => vm.Kernel.RunSlots.Held == slots && vm.Kernel.RunSlots.HasWaiters);
        for (var i = 0; i < 20; i++)
        {
            // Fewer when the share parks them all for a moment, never more.
            Assert.InRange(vm.Kernel.RunSlots.Held, 0, slots);
            await Task.Delay(20);
        }

        // Turns pass round: every spinner got CPU time, and a kill still ends those waiting for a turn.
        await WaitUntilAsync(() => vm.Kernel.Processes.Snapshot().All(p => vm.Kernel.Processes.Get(p.Pid)?.CpuTime > TimeSpan.Zero));
        Assert.Equal(3, vm.Kernel.Processes.SignalAll(Signals.SIGKILL));
        foreach (var run in runs)
        {
            Assert.Equal(Signals.SIGKILL, (await run).Status.Signal);
        }

        // A killed process's status is reported at the kill; its thread gives its slot back as it unwinds.
        await WaitUntilAsync(() => vm.Kernel.RunSlots.Held == 0);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
