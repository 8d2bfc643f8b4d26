using System.Text;
using AgentOs.Kernel;
using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Vfs;
using AgentOs.Wasm.Tests.Net;

namespace AgentOs.Wasm.Tests.Executor;

/// <summary>
/// Plain wasm32-wasip1 programs (stock wasi-libc, no host_* imports) run as under a WASI runtime: "/" preopened at
/// fd 3, paths resolved from the VM root. The guest is Guests/plainwasi.c; it also imports env.not_provided.
/// </summary>
public sealed class PlainWasiTests
{
    [Fact]
    public async Task ArgumentsEnvironmentAndStdoutReachTheProgramDespiteAnImportTheVmLacks()
    {
        using var vm = NewVm();

        var (status, stdout, stderr) = await vm.RunWithEnvironmentAsync(["GREETING=hi"], "plainwasi", "args", "a b");

        Assert.Equal("argc=3\nargv[0]=plainwasi\nargv[1]=args\nargv[2]=a b\nGREETING=hi\n", stdout);
        Assert.Equal("", stderr);
        Assert.Equal(0, status.Code);
    }

    [Fact]
    public async Task ItsExitStatusIsTheProcessStatus()
    {
        using var vm = NewVm();

        var (status, _, _) = await vm.RunAsync("plainwasi", "exit", "42");

        Assert.Equal(42, status.Code);
    }

    [Fact]
    public async Task FopenOfAnAbsolutePathWritesTheVmFile()
    {
        using var vm = NewVm();

        var (status, stdout, stderr) = await vm.RunAsync("plainwasi", "write", "/tmp/note.txt", "hello vm");

        Assert.Equal("", stderr);
        Assert.Equal("read back: hello vm\n", stdout);
        Assert.Equal(0, status.Code);
        Assert.Equal("hello vm", ReadVmFile(vm, "/tmp/note.txt"));
    }

    [Fact]
    public async Task ARelativePathResolvesFromTheVmRoot()
    {
        // wasi-libc starts with cwd "/" and maps every path onto the "/" preopen.
        using var vm = NewVm();

        var (status, _, stderr) = await vm.RunAsync("plainwasi", "write", "tmp/relative.txt", "rel");

        Assert.Equal("", stderr);
        Assert.Equal(0, status.Code);
        Assert.Equal("rel", ReadVmFile(vm, "/tmp/relative.txt"));
    }

    [Fact]
    public async Task ReaddirListsAVmDirectory()
    {
        using var vm = NewVm();
        vm.InstallBytes("/bin/other", "x"u8);

        var (status, stdout, stderr) = await vm.RunAsync("plainwasi", "list", "/bin");

        Assert.Equal("", stderr);
        Assert.Equal("other\nplainwasi\n", stdout);
        Assert.Equal(0, status.Code);
    }

    [Fact]
    public async Task CallingAnImportTheVmLacksTrapsAtTheCall()
    {
        using var vm = NewVm();

        var (status, stdout, stderr) = await vm.RunAsync("plainwasi", "missing");

        Assert.Equal("", stdout);
        Assert.Equal("WebAssembly guest trapped: it called env.not_provided, which this VM does not provide\n", stderr);
        Assert.Equal(1, status.Code);
    }

    [Fact]
    public async Task AnAgentOsProgramKeepsFd3AsAnOrdinaryDescriptor()
    {
        // Importing from a host_* module marks the agentOS ABI: no preopen at fd 3, fd_prestat_get(3) is EBADF (8).
        using var vm = NewVm();
        vm.Install("/bin/probe", """
            (module
              (import "host_process" "proc_getpid" (func $getpid (param i32) (result i32)))
              (import "wasi_snapshot_preview1" "fd_prestat_get" (func $prestat (param i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
              (memory (export "memory") 1)
              (func (export "_start")
                (drop (call $getpid (i32.const 0)))
                (call $exit (call $prestat (i32.const 3) (i32.const 16)))))
            """);
        vm.Install("/bin/plainprobe", """
            (module
              (import "wasi_snapshot_preview1" "fd_prestat_get" (func $prestat (param i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
              (memory (export "memory") 1)
              (func (export "_start")
                (call $exit (call $prestat (i32.const 3) (i32.const 16)))))
            """);

        var agentOs = await vm.RunAsync("probe");
        var plain = await vm.RunAsync("plainprobe");

        Assert.Equal(8, agentOs.Status.Code);
        Assert.Equal(0, plain.Status.Code);
    }

    private static ExecutorHarness NewVm()
    {
        var vm = new ExecutorHarness();
        vm.InstallBytes("/bin/plainwasi", CGuests.Load("plainwasi"));
        Assert.Contains(vm.Kernel.FileSystem.Mkdir(PathContext.Root, "/tmp", 0x3FF), new[] { Errno.Success, Errno.EEXIST });
        return vm;
    }

    private static string ReadVmFile(ExecutorHarness vm, string path)
    {
        Assert.Equal(Errno.Success, vm.Kernel.FileSystem.Open(PathContext.Root, path, OpenFlags.ReadOnly, 0, out var file));
        file.Retain();
        var buffer = new byte[4096];
        Assert.Equal(Errno.Success, file.Read(buffer, default, out var read));
        file.Release();
        return Encoding.UTF8.GetString(buffer, 0, read);
    }
}
