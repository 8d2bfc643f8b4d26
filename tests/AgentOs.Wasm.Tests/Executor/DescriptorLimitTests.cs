using AgentOs.Kernel;
using AgentOs.Kernel.Exec;
using AgentOs.Kernel.Ipc;
using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Processes;

namespace AgentOs.Wasm.Tests.Executor;

/// <summary>MaxOpenFds from a guest's point of view: the errno path_open returns at the cap.</summary>
public sealed class DescriptorLimitTests
{
    // Opens /dev/null until path_open fails, then exits with the WASI errno it got.
    private const string OpenUntilFailure = """
        (module
          (import "wasi_snapshot_preview1" "path_open" (func $open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
          (memory (export "memory") 1)
          (data (i32.const 0) "dev/null")
          (func (export "_start") (local $r i32)
            (loop $again
              (local.set $r (call $open (i32.const 0x40000003) (i32.const 1) (i32.const 0) (i32.const 8)
                (i32.const 0) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 64)))
              (br_if $again (i32.eqz (local.get $r))))
            (call $exit (local.get $r))))
        """;

    // Opens three more descriptors, then blocks reading stdin until the host closes it.
    private const string HoldThree = """
        (module
          (import "wasi_snapshot_preview1" "path_open" (func $open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_read" (func $read (param i32 i32 i32 i32) (result i32)))
          (memory (export "memory") 1)
          (data (i32.const 0) "dev/null")
          (func $open1 (drop (call $open (i32.const 0x40000003) (i32.const 1) (i32.const 0) (i32.const 8)
                (i32.const 0) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 64))))
          (func (export "_start")
            (call $open1) (call $open1) (call $open1)
            (i32.store (i32.const 100) (i32.const 200))
            (i32.store (i32.const 104) (i32.const 16))
            (drop (call $read (i32.const 0) (i32.const 100) (i32.const 1) (i32.const 120)))))
        """;

    [Fact]
    public async Task OneProcessGetsEmfileAtItsTableCap()
    {
        using var vm = new ExecutorHarness(new ResourceLimits { MaxOpenFds = 10 });
        vm.Install("/bin/opener", OpenUntilFailure);

        var (status, _, _) = await vm.RunAsync("opener");

        Assert.Equal(33, status.Code); // WASI EMFILE
        Assert.Equal(10, vm.Kernel.Registry.Find(LimitNames.OpenFds)!.HighWater);
        Assert.Equal(0, vm.Kernel.Registry.Find(LimitNames.OpenFds)!.Current);
    }

    [Fact]
    public async Task TheVmTotalGivesEnfileWhileAnotherProcessHoldsDescriptors()
    {
        using var vm = new ExecutorHarness(new ResourceLimits { MaxOpenFds = 10 });
        vm.Install("/bin/holder", HoldThree);
        vm.Install("/bin/opener", OpenUntilFailure);
        Pipe.Create(out var stdinRead, out var stdinWrite);
        Assert.Equal(Errno.Success, vm.Kernel.SpawnFromHost(new SpawnRequest("holder", ["holder"], ["PATH=/bin"], [], "/"), Credentials.AgentOsUser, [stdinRead, null, null], out var holder));
        var openFds = vm.Kernel.Registry.Find(LimitNames.OpenFds)!;
        while (openFds.Current < 6)
        {
            await Task.Delay(5); // the holder's three opens are observable through the gauge
        }

        var (status, _, _) = await vm.RunAsync("opener");
        stdinWrite.Close();
        var holderStatus = await holder.Exited.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(41, status.Code); // WASI ENFILE: 6 held elsewhere + 4 here = the VM's 10
        Assert.Equal(0, holderStatus.Code);
        Assert.Equal(0, openFds.Current);
    }
}
