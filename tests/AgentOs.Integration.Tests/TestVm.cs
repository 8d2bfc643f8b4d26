using System.Text;
using AgentOs.Kernel;
using AgentOs.Kernel.Exec;
using AgentOs.Kernel.Ipc;
using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Packages;
using AgentOs.Kernel.Processes;
using AgentOs.Software;
using AgentOs.Wasm;

namespace AgentOs.Integration.Tests;

/// <summary>
/// A VM built from the real parts: the kernel, the Wasm executor and the published agentOS packages (the
/// "common" set, fetched once into the shared test cache). Commands run through the real brush <c>sh</c>.
/// </summary>
internal sealed class TestVm : IDisposable
{
    private static readonly string Cache = AgentOs.Testing.TestCache.Directory;
    private static readonly Lazy<Task<IReadOnlyList<(AospkgPackage Package, string Sha256)>>> Packages = new(LoadPackagesAsync);
    private static readonly Lazy<WasmRuntime> Runtime = new(() => new WasmRuntime(Path.Combine(Cache, "modules")));

    private TestVm(Kernel.Kernel kernel) => Kernel = kernel;

    public Kernel.Kernel Kernel { get; }

    public static async Task<TestVm> CreateAsync(ResourceLimits? limits = null)
    {
        var kernel = new Kernel.Kernel(new KernelOptions { Limits = (limits ?? new ResourceLimits()).Resolve() });
        foreach (var (package, sha) in await Packages.Value)
        {
            Assert.Equal(Errno.Success, kernel.MountPackage(package, sha));
        }

        // Every VM the library makes carries its own grep, tac, cat, mkfifo, diff, awk and gzip (Software/OwnProgram); so does this one.
        foreach (var own in OwnProgram.All)
        {
            AgentOsVm.InstallOwnProgram(kernel, own);
        }

        _ = new WasmExecutor(kernel, Runtime.Value);
        return new TestVm(kernel);
    }

    /// <summary>Runs <c>sh -c <paramref name="script"/></c> as the agentos user in /workspace.</summary>
    public Task<RunResult> ShAsync(string script, string? stdin = null, TimeSpan? timeout = null) =>
        RunAsync(["sh", "-c", script], stdin, timeout);

    public async Task<RunResult> RunAsync(string[] argv, string? stdin = null, TimeSpan? timeout = null)
    {
        Pipe.Create(out var inRead, out var inWrite);
        Pipe.Create(out var outRead, out var outWrite);
        Pipe.Create(out var errRead, out var errWrite);
        var environment = new[]
        {
            "PATH=" + AgentOs.Kernel.Kernel.DefaultPath, "HOME=/home/agentos", "USER=agentos", "LOGNAME=agentos",
            "SHELL=/bin/sh", "LANG=C.UTF-8", "LC_COLLATE=C", "TMPDIR=/tmp", "HOSTNAME=agentos",
        };
        var errno = Kernel.SpawnFromHost(new SpawnRequest(argv[0], argv, environment, [], "/workspace"), Credentials.AgentOsUser, [inRead, outWrite, errWrite], out var process);
        if (errno != Errno.Success)
        {
            inRead.Close();
            inWrite.Close();
            outWrite.Close();
            errWrite.Close();
            outRead.Close();
            errRead.Close();
            throw new InvalidOperationException($"spawn {argv[0]} failed: {errno}");
        }

        var stdout = ReadAllAsync(outRead);
        var stderr = ReadAllAsync(errRead);
        if (stdin is not null)
        {
            await inWrite.WriteAsync(Encoding.UTF8.GetBytes(stdin));
        }

        inWrite.Close();
        var status = await process.Exited.WaitAsync(timeout ?? TimeSpan.FromSeconds(120));
        return new RunResult(status, await stdout, await stderr);
    }

    public void Dispose() => Kernel.Processes.TerminateAll(TimeSpan.FromMilliseconds(200));

    private static async Task<string> ReadAllAsync(PipeReadEnd reader)
    {
        var buffer = new byte[64 * 1024];
        using var text = new MemoryStream();
        int n;
        while ((n = await reader.ReadAsync(buffer)) > 0)
        {
            text.Write(buffer, 0, n);
        }

        reader.Close();
        return Encoding.UTF8.GetString(text.ToArray());
    }

    private static async Task<IReadOnlyList<(AospkgPackage, string)>> LoadPackagesAsync()
    {
        using var resolver = new SoftwareResolver(new SoftwareResolverOptions { CacheDirectory = Cache });
        var cached = await resolver.ResolveAsync(["common"]);
        var list = new List<(AospkgPackage, string)>();
        foreach (var entry in cached)
        {
            // The sources stay open for the test run: mounted package files are read on demand.
            var source = new FilePackageSource(entry.Path);
            Assert.Equal(Errno.Success, AospkgReader.Open(source, out var package, out var error));
            Assert.True(package is not null, error);
            list.Add((package, entry.Sha256));
        }

        return list;
    }
}
