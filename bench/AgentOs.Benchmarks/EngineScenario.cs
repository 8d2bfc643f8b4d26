using System.Diagnostics;
using System.Globalization;
using AgentOs.Kernel.Limits;
using AgentOs.Wasm.Engines;
using AgentOs.Wasm.Runtime;
using Wasmtime;

namespace AgentOs.Benchmarks;

/// <summary>
/// What the engine settings and the CPU accounting cost (<c>-- limits engine</c>): one compute kernel (a memory-bound
/// and a call-bound loop in WAT) on the production engine and on engines each missing one setting — epoch checks,
/// the host-placed linear memory (so Wasmtime's own guard-page memory instead), Cranelift's optimiser — and the
/// accounting work done at each 10 ms epoch tick, timed alone.
/// </summary>
internal static class EngineScenario
{
    // 32 MiB of i64 summed 16 times (memory-bound), then 50 million calls of a small function (call-bound).
    private const string Kernel = """
        (module
          (memory (export "memory") 512)
          (func $add (param i64 i64) (result i64) (i64.add (local.get 0) (local.get 1)))
          (func (export "memory_loop") (result i64)
            (local $pass i32) (local $at i32) (local $sum i64)
            (loop $passes
              (local.set $at (i32.const 0))
              (loop $words
                (local.set $sum (i64.add (local.get $sum) (i64.load (local.get $at))))
                (i64.store (local.get $at) (i64.add (local.get $sum) (i64.extend_i32_u (local.get $at))))
                (local.set $at (i32.add (local.get $at) (i32.const 8)))
                (br_if $words (i32.lt_u (local.get $at) (i32.const 33554432))))
              (local.set $pass (i32.add (local.get $pass) (i32.const 1)))
              (br_if $passes (i32.lt_u (local.get $pass) (i32.const 16))))
            (local.get $sum))
          (func (export "call_loop") (result i64)
            (local $i i64) (local $sum i64)
            (loop $calls
              (local.set $sum (call $add (local.get $sum) (local.get $i)))
              (local.set $i (i64.add (local.get $i) (i64.const 1)))
              (br_if $calls (i64.lt_u (local.get $i) (i64.const 50000000))))
            (local.get $sum)))
        """;

    public static void Run()
    {
        Line("engine setting", "memory loop / call loop (best of 3)");
        Measure("production (epoch, host memory, opt speed)", epoch: true, hostMemory: true, OptimizationLevel.Speed);
        Measure("  without epoch interruption", epoch: false, hostMemory: true, OptimizationLevel.Speed);
        Measure("  Wasmtime's own memory instead of the host's", epoch: true, hostMemory: false, OptimizationLevel.Speed);
        Measure("  Cranelift optimiser off", epoch: true, hostMemory: true, OptimizationLevel.None);
        AccountingCost();
    }

    private static void Measure(string name, bool epoch, bool hostMemory, OptimizationLevel level)
    {
        using var config = new Config().WithEpochInterruption(epoch).WithOptimizationLevel(level);
        if (hostMemory)
        {
            HostMemoryCreator.Install(config);
        }

        using var engine = new Engine(config);
        using var module = Module.FromText(engine, "kernel", Kernel);
        using var linker = new Linker(engine);
        var best = (Memory: double.MaxValue, Calls: double.MaxValue);
        for (var round = 0; round < 3; round++)
        {
            using var store = new Store(engine);
            if (epoch)
            {
                store.SetEpochDeadline(ulong.MaxValue / 2);
            }

            var instance = linker.Instantiate(store, module);
            var memoryLoop = instance.GetFunction<long>("memory_loop")!;
            var callLoop = instance.GetFunction<long>("call_loop")!;
            var watch = Stopwatch.StartNew();
            memoryLoop();
            var memory = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            callLoop();
            best = (Math.Min(best.Memory, memory), Math.Min(best.Calls, watch.Elapsed.TotalMilliseconds));
        }

        Line(name, string.Create(CultureInfo.InvariantCulture, $"{best.Memory:F0} ms / {best.Calls:F0} ms"));
    }

    // At every epoch tick a running guest reads its thread's CPU clock and charges the VM's budget: the whole of the
    // accounting. Its cost per tick against the 10 ms between ticks is the overhead on a busy guest.
    private static void AccountingCost()
    {
        var kernel = new AgentOs.Kernel.Kernel(new AgentOs.Kernel.KernelOptions { Limits = new ResourceLimits { MaxCpuCores = 64 }.Resolve() });
        var process = CreateProcess(kernel);
        const int Ticks = 1_000_000;
        var last = ThreadCpuClock.NowNs();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Ticks; i++)
        {
            var now = ThreadCpuClock.NowNs();
            kernel.ChargeCpu(process, now - last);
            last = now;
        }

        var perTickNs = watch.Elapsed.TotalNanoseconds / Ticks;
        Line("CPU accounting per 10 ms epoch tick", string.Create(CultureInfo.InvariantCulture, $"{perTickNs:F0} ns = {perTickNs / 10_000_000 * 100:F4}% of a busy guest's time"));
    }

    private static AgentOs.Kernel.Processes.Process CreateProcess(AgentOs.Kernel.Kernel kernel)
    {
        var fds = new AgentOs.Kernel.Fds.FdTable(kernel.OpenFdsGauge, 16);
        var start = new AgentOs.Kernel.Processes.ProcessStart("bench") { Arguments = ["bench"], WorkingDirectory = "/", Credentials = AgentOs.Kernel.Processes.Credentials.AgentOsUser };
        if (kernel.Processes.Create(null, fds, start, out var process) != AgentOs.Kernel.Errno.Success)
        {
            throw new InvalidOperationException("cannot create a process");
        }

        return process;
    }

    private static void Line(string name, string figures) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-48} {figures}"));
}
