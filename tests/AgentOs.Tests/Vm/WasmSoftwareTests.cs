using AgentOs.Software;
using AgentOs.Tests.Software;

namespace AgentOs.Tests.Vm;

/// <summary>Programs installed as .wasm files (issue #12) and the own-descriptor paths scripts rely on, with the real packages.</summary>
public sealed class WasmSoftwareTests
{
    // A plain WASI program: writes its greeting and exits 3.
    private const string Hello = """
        (module
          (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
          (memory (export "memory") 1)
          (data (i32.const 16) "hi from wasm\n")
          (func (export "_start")
            (i32.store (i32.const 0) (i32.const 16))
            (i32.store (i32.const 4) (i32.const 13))
            (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
            (call $exit (i32.const 3))))
        """;

    [Fact]
    public async Task AWasmFileIsInstalledAsACommandNamedAfterIt()
    {
        using var dir = new TempDirectory();
        var file = Path.Combine(dir.Path, "hello.wasm");
        File.WriteAllBytes(file, Wasmtime.Module.ConvertText(Hello));
        await using var vm = await VmOptions.CreateVmAsync(configure: o => o.Software = [file]);

        var result = await vm.ExecAsync("hello; echo \"rc=$?\"; command -v hello");

        Assert.Equal("hi from wasm\nrc=3\n/usr/local/bin/hello\n", result.Stdout);
    }

    [Fact]
    public async Task ADirectoryInstallsEveryWasmFileAndACopiedModuleRunsByPath()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(Path.Combine(dir.Path, "one.wasm"), Wasmtime.Module.ConvertText(Hello));
        File.WriteAllBytes(Path.Combine(dir.Path, "two.wasm"), Wasmtime.Module.ConvertText(Hello));
        await using var vm = await VmOptions.CreateVmAsync(configure: o => o.Software = [dir.Path]);

        var result = await vm.ExecAsync("one; two; cp /usr/local/bin/one /tmp/mine; /tmp/mine; echo \"rc=$?\"; echo text > /tmp/t; chmod +x /tmp/t; /tmp/t 2>/dev/null; echo \"rc=$?\"");

        Assert.Equal("hi from wasm\nhi from wasm\nhi from wasm\nrc=3\nrc=126\n", result.Stdout);
    }

    [Fact]
    public async Task ANonWasmFileIsRefusedNamingIt()
    {
        using var dir = new TempDirectory();
        var file = Path.Combine(dir.Path, "bad.wasm");
        File.WriteAllText(file, "not wasm");

        var ex = await Assert.ThrowsAsync<SoftwareException>(() => VmOptions.CreateVmAsync(configure: o => o.Software = [file]));

        Assert.Contains("bad.wasm: not a WebAssembly module", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DevStdinStdoutStderrAndDevFdNameTheProcesssOwnDescriptors()
    {
        await using var vm = await VmOptions.CreateVmAsync();

        var result = await vm.ExecAsync("seq 3 > /tmp/f; cat /dev/stdin < /tmp/f; echo out > /dev/stdout; echo err > /dev/stderr; diff <(printf 'a\\n') <(printf 'b\\n'); echo \"diff=$?\"");

        Assert.Equal("1\n2\n3\nout\n1c1\n< a\n---\n> b\ndiff=1\n", result.Stdout);
        Assert.Equal("err\n", result.Stderr);
    }
}
