using AgentOs.Kernel;
using AgentOs.Kernel.Limits;

namespace AgentOs.Wasm.Tests.Executor;

public sealed class ExecutorTests
{
    private const string Hello = """
        (module
          (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
          (memory (export "memory") 1)
          (data (i32.const 16) "hello\n")
          (func (export "_start")
            (i32.store (i32.const 0) (i32.const 16))
            (i32.store (i32.const 4) (i32.const 6))
            (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
            (call $exit (i32.const 3))))
        """;

    [Fact]
    public async Task GuestWritesToItsStdoutPipeAndItsExitCodeReachesTheHost()
    {
        using var vm = new ExecutorHarness();
        vm.Install("/bin/hello", Hello);

        var (status, stdout, stderr) = await vm.RunAsync("hello");

        Assert.Equal("hello\n", stdout);
        Assert.Equal("", stderr);
        Assert.Equal(3, status.Code);
        Assert.Equal(0, status.Signal);
    }

    [Fact]
    public async Task DeepRecursionEndsOnlyThatProcessWithAMessageNamingTheLimit()
    {
        using var vm = new ExecutorHarness(new ResourceLimits { MaxWasmStackBytes = 64 << 10 });
        vm.Install("/bin/deep", """
            (module
              (memory (export "memory") 1)
              (func $f (param i32) (result i32) (i32.add (call $f (i32.add (local.get 0) (i32.const 1))) (i32.const 1)))
              (func (export "_start") (drop (call $f (i32.const 0)))))
            """);
        vm.Install("/bin/hello", Hello);

        var (status, _, stderr) = await vm.RunAsync("deep");
        var after = await vm.RunAsync("hello");

        Assert.NotEqual(0, status.Code);
        Assert.Contains("limits.resources.maxWasmStackBytes", stderr, StringComparison.Ordinal);
        Assert.Contains("65536", stderr, StringComparison.Ordinal);
        Assert.Equal("hello\n", after.Stdout);
    }

    [Fact]
    public void ANonWasmFileIsNotExecutable()
    {
        using var vm = new ExecutorHarness();
        vm.InstallBytes("/bin/junk", "not a module"u8);

        var errno = vm.Kernel.SpawnFromHost(new AgentOs.Kernel.Exec.SpawnRequest("/bin/junk", ["junk"], [], [], "/"), AgentOs.Kernel.Processes.Credentials.AgentOsUser, [null, null, null], out _);

        Assert.Equal(Errno.ENOEXEC, errno);
        Assert.Equal(0, vm.Kernel.Registry.Find(LimitNames.Processes)!.Current);
    }
}
