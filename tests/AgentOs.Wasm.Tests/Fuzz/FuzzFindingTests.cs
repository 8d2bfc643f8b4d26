using AgentOs.Kernel.Processes;
using AgentOs.Wasm.Tests.Executor;

namespace AgentOs.Wasm.Tests.Fuzz;

/// <summary>What ABI fuzzing found, one test each (the kernel-level one is in FdTableTests).</summary>
public sealed class FuzzFindingTests
{
    // sleep_ms takes an unsigned count of milliseconds: values past int.MaxValue used to throw in the host
    // (WaitHandle's timeout range) and end the guest with "agentos: internal error". They are long sleeps a kill ends.
    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public async Task TheLongestSleepsAreSleepsAKillEnds(int milliseconds)
    {
        using var vm = new ExecutorHarness();
        vm.Install("/bin/sleeper", $$"""
            (module
              (import "host_process" "sleep_ms" (func $sleep (param i32) (result i32)))
              (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
              (memory (export "memory") 1)
              (func (export "_start") (call $exit (call $sleep (i32.const {{milliseconds}})))))
            """);

        var run = vm.RunAsync("sleeper");
        await Task.Delay(300);
        Assert.False(run.IsCompleted);
        vm.Kernel.Processes.SignalAll(Signals.SIGKILL);
        var (status, _, stderr) = await run;

        Assert.Equal(Signals.SIGKILL, status.Signal);
        Assert.Equal("", stderr);
    }
}
