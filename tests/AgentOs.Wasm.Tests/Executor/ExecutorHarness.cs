using System.Text;
using AgentOs.Kernel;
using AgentOs.Kernel.Exec;
using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Ipc;
using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Processes;
using AgentOs.Kernel.Vfs;

namespace AgentOs.Wasm.Tests.Executor;

/// <summary>A kernel with the real Wasm executor, for running WAT guests written into the VFS.</summary>
internal sealed class ExecutorHarness : IDisposable
{
    private static readonly Lazy<WasmRuntime> SharedRuntime = new(() => new WasmRuntime(Path.Combine(Path.GetTempPath(), "agentos-wasm-tests-" + Environment.ProcessId)));

    public ExecutorHarness(ResourceLimits? limits = null)
    {
        Kernel = new Kernel.Kernel(new KernelOptions { Limits = (limits ?? new ResourceLimits()).Resolve() });
        _ = new WasmExecutor(Kernel, SharedRuntime.Value);
    }

    public Kernel.Kernel Kernel { get; }

    /// <summary>Writes a WAT guest (compiled to its binary form) at <paramref name="path"/>, mode 0755.</summary>
    public void Install(string path, string wat) => InstallBytes(path, Wasmtime.Module.ConvertText(wat));

    public void InstallBytes(string path, ReadOnlySpan<byte> bytes)
    {
        Assert.Equal(Errno.Success, Kernel.FileSystem.Open(PathContext.Root, path, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Truncate, 0x1ED, out var file));
        file.Retain();
        Assert.Equal(Errno.Success, file.Write(bytes, default, out var written));
        Assert.Equal(bytes.Length, written);
        file.Release();
        Assert.Equal(Errno.Success, Kernel.FileSystem.Chmod(PathContext.Root, path, 0x1ED, follow: true));
    }

    /// <summary>Runs <paramref name="argv"/> as a host process and collects its exit status and output.</summary>
    public Task<(ExitStatus Status, string Stdout, string Stderr)> RunAsync(params string[] argv) => RunWithEnvironmentAsync([], argv);

    /// <summary>As <see cref="RunAsync"/>, with <paramref name="environment"/> (<c>K=V</c>) after <c>PATH=/bin</c>.</summary>
    public async Task<(ExitStatus Status, string Stdout, string Stderr)> RunWithEnvironmentAsync(IReadOnlyList<string> environment, params string[] argv)
    {
        Pipe.Create(out var outRead, out var outWrite);
        Pipe.Create(out var errRead, out var errWrite);
        var request = new SpawnRequest(argv[0], argv, ["PATH=/bin", .. environment], [], "/");
        var errno = Kernel.SpawnFromHost(request, Credentials.AgentOsUser, [null, outWrite, errWrite], out var process);
        if (errno != Errno.Success)
        {
            // The ends were never installed anywhere: the host closes them (installed ends close with their fds).
            outWrite.Close();
            errWrite.Close();
        }

        Assert.Equal(Errno.Success, errno);
        var stdout = ReadAllAsync(outRead);
        var stderr = ReadAllAsync(errRead);
        var status = await process.Exited.WaitAsync(TimeSpan.FromSeconds(60));
        return (status, await stdout, await stderr);
    }

    public void Dispose() => Kernel.Processes.TerminateAll(TimeSpan.FromMilliseconds(100));

    private static async Task<string> ReadAllAsync(PipeReadEnd reader)
    {
        var buffer = new byte[4096];
        var text = new StringBuilder();
        int n;
        while ((n = await reader.ReadAsync(buffer)) > 0)
        {
            text.Append(Encoding.UTF8.GetString(buffer, 0, n));
        }

        reader.Close();
        return text.ToString();
    }
}
