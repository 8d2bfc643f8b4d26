using System.Text;
using AgentOs.Kernel;
using AgentOs.Kernel.Exec;
using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Ipc;
using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Processes;
using AgentOs.Kernel.Vfs;
using Microsoft.Extensions.Logging;

namespace AgentOs.Wasm.Tests.Fuzz;

/// <summary>
/// Runs ABI fuzzing programs (<see cref="AbiFuzzProgram"/>), each in a fresh VM on the real executor, and reports
/// what must never happen: an internal error (an unexpected .NET exception in a host function, or any error the
/// executor logs), a guest that a kill does not end (a hang), a guest thread left running, or a VM gauge
/// (processes, fds, pipes, sockets, memory…) not back to zero once its processes are gone (a leak). A program that
/// blocks — waiting on its own pipe, sleeping for years — is killed at its deadline; that is allowed, and it
/// exercises the kill path.
/// </summary>
internal sealed class AbiFuzzCampaign(WasmRuntime runtime, TimeSpan deadline)
{
    // Gauges whose usage belongs to live objects only; files the guest created legitimately stay.
    private static readonly string[] TransientGauges =
    [
        LimitNames.Processes, LimitNames.OpenFds, LimitNames.Pipes, LimitNames.Ptys, LimitNames.Sockets,
        LimitNames.Connections, LimitNames.SocketBufferedBytes, LimitNames.SocketDatagramQueueLen,
        LimitNames.PipeOverflowBytes, LimitNames.QueuedCommands, LimitNames.MemoryBytes,
    ];

    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);

    /// <summary>Programs run so far.</summary>
    public int Programs { get; private set; }

    /// <summary>Host calls the programs contained (those after a blocking call may not have run).</summary>
    public long Calls { get; private set; }

    /// <summary>Programs killed at their deadline.</summary>
    public int Killed { get; private set; }

    /// <summary>What went wrong, each naming the seed that reproduces it.</summary>
    public List<string> Findings { get; } = [];

    /// <summary>Generates, runs and checks program <paramref name="seed"/> with <paramref name="calls"/> host calls.</summary>
    public async Task RunAsync(int seed, int calls, int? only = null)
    {
        var wasm = Wasmtime.Module.ConvertText(AbiFuzzProgram.Generate(seed, calls, only));
        var log = new ListLogger();
        var kernel = new Kernel.Kernel(new KernelOptions { Limits = new ResourceLimits().Resolve() });
        var executor = new WasmExecutor(kernel, runtime, log);
        Install(kernel, "/bin/fuzz", wasm);
        Directory(kernel, "/tmp/fuzz");

        Pipe.Create(out var inRead, out var inWrite);
        inWrite.Close();
        Pipe.Create(out var outRead, out var outWrite);
        Pipe.Create(out var errRead, out var errWrite);
        var request = new SpawnRequest("/bin/fuzz", ["fuzz"], ["PATH=/bin"], [], "/tmp");
        var spawned = kernel.SpawnFromHost(request, Credentials.AgentOsUser, [inRead, outWrite, errWrite], out var process);
        Programs++;
        Calls += calls;
        if (spawned != Errno.Success)
        {
            Findings.Add($"seed {seed}: spawn failed: {spawned}");
            return;
        }

        var stdout = DrainAsync(outRead);
        var stderr = DrainAsync(errRead);
        var exited = process.Exited;
        if (await Task.WhenAny(exited, Task.Delay(deadline)) != exited)
        {
            Killed++;
            kernel.Processes.SignalAll(Signals.SIGKILL);
            if (await Task.WhenAny(exited, Task.Delay(Settle)) != exited)
            {
                Findings.Add($"seed {seed}: hang: SIGKILL did not end the guest within {Settle.TotalSeconds:0} s");
            }
        }

        // Children the program spawned go too; then no guest thread may be left and every transient gauge drains.
        kernel.Processes.TerminateAll(TimeSpan.Zero);
        var idle = executor.WhenIdle();
        if (await Task.WhenAny(idle, Task.Delay(Settle)) != idle)
        {
            Findings.Add($"seed {seed}: a guest thread still runs {Settle.TotalSeconds:0} s after the kill");
        }

        var errors = await stderr;
        await stdout;
        if (errors.Contains("agentos: internal error", StringComparison.Ordinal))
        {
            Findings.Add($"seed {seed}: {errors[errors.IndexOf("agentos: internal error", StringComparison.Ordinal)..].Split('\n')[0]}");
        }

        foreach (var entry in log.Entries.Where(e => e.Level >= LogLevel.Error))
        {
            Findings.Add($"seed {seed}: logged {entry.Level}: {entry.Message}\n{entry.Exception}");
        }

        await CheckGaugesAsync(kernel, seed);
    }

    private async Task CheckGaugesAsync(Kernel.Kernel kernel, int seed)
    {
        var until = DateTime.UtcNow + Settle;
        while (true)
        {
            var held = TransientGauges.Select(kernel.Registry.Find).Where(g => g is { Current: not 0 }).ToList();
            if (held.Count == 0)
            {
                return;
            }

            if (DateTime.UtcNow > until)
            {
                var left = string.Join(", ", kernel.Processes.Snapshot().Select(p => $"{p.Pid} {p.Command} {p.State}"));
                Findings.Add($"seed {seed}: leak: {string.Join(", ", held)} after every process ended (processes: {left})");
                return;
            }

            await Task.Delay(10);
        }
    }

    private static void Install(Kernel.Kernel kernel, string path, byte[] bytes)
    {
        Check(kernel.FileSystem.Open(PathContext.Root, path, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Truncate, 0x1ED, out var file));
        file.Retain();
        Check(file.Write(bytes, default, out _));
        file.Release();
    }

    private static void Directory(Kernel.Kernel kernel, string path) => Check(kernel.FileSystem.Mkdir(PathContext.Root, path, 0x1FF));

    private static void Check(Errno errno)
    {
        if (errno != Errno.Success)
        {
            throw new InvalidOperationException("setting up the fuzz VM failed: " + errno);
        }
    }

    // Reads everything (a program may write megabytes of garbage), keeping only the first 64 KiB.
    private static async Task<string> DrainAsync(PipeReadEnd reader)
    {
        var buffer = new byte[16384];
        var kept = new MemoryStream();
        int n;
        while ((n = await reader.ReadAsync(buffer)) > 0)
        {
            if (kept.Length < 65536)
            {
                kept.Write(buffer, 0, n);
            }
        }

        reader.Close();
        return Encoding.UTF8.GetString(kept.ToArray());
    }
}
