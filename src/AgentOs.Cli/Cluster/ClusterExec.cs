using System.Runtime.InteropServices;
using AgentOs.Kernel.Processes;
using AgentOs.Orleans;
using GrainVmSettings = AgentOs.Orleans.VmSettings;

namespace AgentOs.Cli.Cluster;

/// <summary><c>agentos exec --cluster URL --vm NAME</c>: the command line runs in the named VM wherever the cluster
/// holds it (created on first use with the given limits; an existing VM keeps its own), output streamed, exit status
/// the guest's. Ctrl-C (or SIGTERM, SIGQUIT, SIGHUP) interrupts the command in the VM as it would a local one
/// (SIGINT, a second's grace, SIGKILL; done by the grain, so it happens even if this client is gone) and exits
/// 128 + the signal; a second Ctrl-C ends the client at once.</summary>
internal static class ClusterExec
{
    /// <summary>How long a call keeps retrying while the cluster moves a VM off a failed node.</summary>
    private static readonly TimeSpan FailoverWait = TimeSpan.FromSeconds(60);

    /// <exception cref="CliUsageException">A bad VM name, or an option a cluster VM does not take.</exception>
    public static async Task<int> RunAsync(string url, string? vm, VmSettings settings, string line, RunTimeout? timeout)
    {
        var store = ClusterCli.ParseStore(url);
        if (vm is null)
        {
            throw new CliUsageException("--cluster needs --vm NAME (the VM to run in)");
        }

        try
        {
            VmName.Validate(vm);
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException("--vm: " + ClusterCli.WithoutParameter(e));
        }

        var vmSettings = ToGrainSettings(settings);
        var options = new VmExecOptions
        {
            Cwd = settings.Cwd,
            Stdin = Console.IsInputRedirected ? await Console.In.ReadToEndAsync().ConfigureAwait(false) : null,
            Timeout = timeout?.Duration,
        };
        return await ClusterCli.GuardAsync(async () =>
        {
            using var connecting = new CancellationTokenSource(ClusterCli.ConnectTimeout);
            var client = await AgentOsClusterClient.ConnectAsync(store, connecting.Token).ConfigureAwait(false);
            await using (client.ConfigureAwait(false))
            {
                var grain = await CreateAsync(client.Grains, vm, vmSettings).ConfigureAwait(false);
                return await StreamAsync(grain, line, options).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
    }

    /// <summary>Creates or finds the VM. Right after a node fails, calls for its VMs are refused until the cluster has
    /// declared it dead (a few seconds); they are retried, as nothing ran yet.</summary>
    private static async Task<IVmGrain> CreateAsync(IGrainFactory grains, string name, GrainVmSettings settings)
    {
        var deadline = DateTime.UtcNow + FailoverWait;
        while (true)
        {
            try
            {
                return await grains.CreateVmAsync(name, settings).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500)).ConfigureAwait(false);
            }
        }
    }

    private static async Task<int> StreamAsync(IVmGrain grain, string line, VmExecOptions options)
    {
        var stdout = Console.OpenStandardOutput();
        var stderr = Console.OpenStandardError();
        using var interrupted = new CancellationTokenSource();
        var signal = 0;
        void Interrupt(PosixSignalContext context, int number)
        {
            if (Interlocked.CompareExchange(ref signal, number, 0) == 0)
            {
                context.Cancel = true;
                interrupted.Cancel();
            }
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Interrupt(c, Signals.SIGINT));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Interrupt(c, Signals.SIGTERM));
        using var sigquit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, c => Interrupt(c, Signals.SIGQUIT));
        using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => Interrupt(c, Signals.SIGHUP));
        try
        {
            return await CopyAsync(grain.ExecStreamAsync(line, options, interrupted.Token), stdout, stderr).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (interrupted.IsCancellationRequested)
        {
            // The enumeration was cancelled and disposed: the grain interrupts the command.
            return 128 + Volatile.Read(ref signal);
        }
    }

    private static async Task<int> CopyAsync(IAsyncEnumerable<VmOutputChunk> chunks, Stream stdout, Stream stderr)
    {
        await foreach (var chunk in chunks.ConfigureAwait(false))
        {
            switch (chunk.Kind)
            {
                case VmOutputKind.Stdout:
                    await stdout.WriteAsync(chunk.Data).ConfigureAwait(false);
                    await stdout.FlushAsync().ConfigureAwait(false);
                    break;
                case VmOutputKind.Stderr:
                    await stderr.WriteAsync(chunk.Data).ConfigureAwait(false);
                    await stderr.FlushAsync().ConfigureAwait(false);
                    break;
                case VmOutputKind.Exit:
                    return chunk.ExitCode;
            }
        }

        throw new InvalidOperationException("the VM's node ended the command without an exit status");
    }

    /// <summary>The options a cluster VM keeps in its state; the rest need this host (mounts, copies) or are not carried.</summary>
    private static GrainVmSettings ToGrainSettings(VmSettings settings)
    {
        var limits = settings.Limits;
        var unsupported = new List<string>();
        if (settings.Mounts.Count > 0)
        {
            unsupported.Add("--mount");
        }

        if (settings.CopyIn.Count > 0 || settings.CopyOut.Count > 0)
        {
            unsupported.Add("--copy-in/--copy-out");
        }

        if (settings.AllowNet.Count > 0 || settings.DnsServers.Count > 0)
        {
            unsupported.Add("--allow-net/--dns-server");
        }

        if (limits.MaxOpenFds is not null || limits.MaxSockets is not null || limits.MaxPtys is not null || limits.MaxWasmStackBytes is not null || limits.MaxWasmMemoryBytes is not null)
        {
            unsupported.Add("limits other than memory, filesystem, CPU and processes");
        }

        if (unsupported.Count > 0)
        {
            throw new CliUsageException($"with --cluster: {string.Join(", ", unsupported)} not supported (a cluster VM keeps only --max-memory-bytes, --max-filesystem-bytes, --max-cpu-cores, --max-processes, --software, --env)");
        }

        var result = new GrainVmSettings
        {
            MaxMemoryBytes = limits.MaxMemoryBytes,
            MaxFilesystemBytes = limits.MaxFilesystemBytes,
            MaxCpuCores = limits.MaxCpuCores,
            MaxProcesses = limits.MaxProcesses,
            Software = [.. settings.Software.Where(s => s != AgentOs.Software.SoftwareCatalog.CommonName)],
        };
        foreach (var (key, value) in settings.Env)
        {
            result.Env[key] = value;
        }

        return result;
    }
}
