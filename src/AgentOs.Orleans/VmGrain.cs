using System.Runtime.CompilerServices;
using System.Threading.Channels;
using AgentOs.Agents;
using AgentOs.Kernel;
using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Processes;
using AgentOs.Kernel.Limits;
using AgentOs.Orleans.Placement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace AgentOs.Orleans;

/// <summary>The grain behind <see cref="IVmGrain"/>: creates or restores its VM on the first call of an activation,
/// saves it by <see cref="AgentOsSiloOptions.SavePolicy"/> and on deactivation. Its state is read on the first call
/// rather than by Orleans during activation, so an entry that cannot be read fails that call with a
/// <see cref="VmStateException"/> naming the VM (the storage's own exception may not even cross the wire).</summary>
[AgentOsPlacement]
internal sealed class VmGrain(
    [FromKeyedServices(AgentOsOrleansExtensions.StorageName)] IGrainStorage storage,
    AgentOsHost host,
    LocalVms localVms,
    SiloReporter reporter,
    ILocalSiloDetails silo,
    IOptions<AgentOsSiloOptions> options) : Grain, IVmGrain
{
    private const string StateName = "vm";

    /// <summary>How long an interrupted command has to end after SIGINT before it is killed (as the CLI's local exec).</summary>
    private static readonly TimeSpan InterruptGrace = TimeSpan.FromSeconds(1);

    private readonly GrainState<VmGrainState> _state = new(new VmGrainState());
    private bool _loaded;
    private AgentOsVm? _vm;
    private bool _dirty;
    private bool _stateBroken;

    private string Name => this.GetPrimaryKeyString();

    /// <summary>The state read (a storage without an entry may leave none).</summary>
    private VmGrainState State => _state.State ??= new VmGrainState();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        VmName.Validate(Name);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_vm is null)
        {
            return;
        }

        try
        {
            if (_dirty)
            {
                await SaveAsync().ConfigureAwait(true);
            }
        }
        finally
        {
            localVms.Remove(Name);
            await _vm.DisposeAsync().ConfigureAwait(true);
            _vm = null;
            await reporter.ReportAsync().ConfigureAwait(true);
        }
    }

    public async Task<bool> CreateAsync(VmSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await LoadAsync().ConfigureAwait(true);
        var created = State.Settings is null;
        await EnsureVmAsync(settings).ConfigureAwait(true);
        return created;
    }

    public async Task<VmExecResult> ExecAsync(string command, VmExecOptions? options = null, CancellationToken cancellationToken = default)
    {
        var vm = await EnsureVmAsync(null).ConfigureAwait(true);
        try
        {
            var result = await GuestAsync(() => vm.ExecAsync(command, new ExecOptions
            {
                Cwd = options?.Cwd,
                StdinText = options?.Stdin,
                Timeout = options?.Timeout,
                MaxCapturedOutputBytes = options?.MaxOutputBytes,
            }, cancellationToken)).ConfigureAwait(true);
            return new VmExecResult
            {
                ExitCode = result.Signal is { } signal ? 128 + signal : result.ExitCode,
                Stdout = result.StdoutBytes.ToArray(),
                Stderr = result.StderrBytes.ToArray(),
                TimedOut = result.TimedOut,
                Truncated = result.StdoutTruncated || result.StderrTruncated,
                StdoutTruncated = result.StdoutTruncated,
                StderrTruncated = result.StderrTruncated,
            };
        }
        finally
        {
            await ChangedAsync().ConfigureAwait(true);
        }
    }

    public async IAsyncEnumerable<VmOutputChunk> ExecStreamAsync(string command, VmExecOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var vm = await EnsureVmAsync(null).ConfigureAwait(true);
        await using var process = Guest(() => vm.Spawn("/bin/sh", ["-c", command], new SpawnOptions { Cwd = options?.Cwd }));
        using var timeout = options?.Timeout is { } limit ? new CancellationTokenSource(limit) : null;
        await using var kill = timeout?.Token.Register(process.Kill);
        ProcessExit? exit = null;
        try
        {
            if (options?.Stdin is { } stdin)
            {
                await process.WriteStdinAsync(stdin, cancellationToken).ConfigureAwait(true);
            }

            process.CloseStdin();
            var chunks = Channel.CreateUnbounded<VmOutputChunk>();
            var pumps = Task.WhenAll(OutputPump.RunAsync(process.StandardOutput, VmOutputKind.Stdout, chunks.Writer), OutputPump.RunAsync(process.StandardError, VmOutputKind.Stderr, chunks.Writer));
            _ = pumps.ContinueWith(t => chunks.Writer.TryComplete(t.Exception), TaskScheduler.Default);
            await foreach (var chunk in chunks.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(true))
            {
                yield return chunk;
            }

            exit = await process.WaitAsync(cancellationToken).ConfigureAwait(true);
        }
        finally
        {
            if (exit is null)
            {
                // Cancelled, or the caller stopped reading (its Ctrl-C, or it went away): nothing of the command may
                // keep running in a VM that outlives the call.
                await InterruptAsync(vm, process).ConfigureAwait(true);
            }

            await ChangedAsync().ConfigureAwait(true);
        }

        yield return new VmOutputChunk { Kind = VmOutputKind.Exit, ExitCode = exit.Value.Signal is { } signal ? 128 + signal : exit.Value.ExitCode };
    }

    public async Task<byte[]> ReadFileAsync(string path)
    {
        var vm = await EnsureVmAsync(null).ConfigureAwait(true);
        return Guest(() => vm.FileSystem.ReadAllBytes(path));
    }

    public async Task<byte[]> ReadFileHeadAsync(string path, int maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        var vm = await EnsureVmAsync(null).ConfigureAwait(true);
        return await GuestAsync(async () =>
        {
            var buffer = new byte[maxBytes];
            await using var stream = vm.FileSystem.OpenRead(path);
            var length = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false).ConfigureAwait(true);

            return length == buffer.Length ? buffer : buffer[..length];
        }).ConfigureAwait(true);
    }

    public async Task WriteFileAsync(string path, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var vm = await EnsureVmAsync(null).ConfigureAwait(true);
        Guest(() =>
        {
            if (Path.GetDirectoryName(path) is { Length: > 0 } parent && !vm.FileSystem.Exists(parent))
            {
                vm.FileSystem.CreateDirectory(parent);
            }

            try
            {
                vm.FileSystem.WriteAllBytes(path, content);
            }
            catch (AgentOsFileSystemException e) when (e.Operation == "write")
            {
                // A file cut short by ENOSPC would keep holding the budget the caller is told ran out.
                vm.FileSystem.Delete(path);
                throw;
            }

            return true;
        });
        await ChangedAsync().ConfigureAwait(true);
    }

    public async Task<IReadOnlyList<VmFileEntry>> ListAsync(string path)
    {
        var vm = await EnsureVmAsync(null).ConfigureAwait(true);
        return Guest(() => vm.FileSystem.ReadDirectory(path).Select(e => new VmFileEntry(e.Name, e.Type == FileType.Directory, e.Size) { Type = e.Type }).ToList());
    }

    public async Task<VmFileEntry> StatAsync(string path)
    {
        var vm = await EnsureVmAsync(null).ConfigureAwait(true);
        var stat = Guest(() => vm.FileSystem.Stat(path));
        return new VmFileEntry(Path.GetFileName(path.TrimEnd('/')), stat.FileType == FileType.Directory, stat.Size) { Type = stat.FileType };
    }

    public async Task<VmInfo> GetInfoAsync()
    {
        var vm = await EnsureVmAsync(null).ConfigureAwait(true);
        var limits = vm.Limits;
        return new VmInfo(vm.WorkingDirectory, [.. AgentToolText.Commands(vm)], limits.MaxProcesses, limits.MaxFilesystemBytes, limits.MaxMemoryBytes, limits.MaxCpuCores);
    }

    public async Task DeleteAsync()
    {
        if (!_loaded && !_stateBroken)
        {
            try
            {
                // The entry's ETag, which the storage checks before clearing it.
                await LoadAsync().ConfigureAwait(true);
            }
            catch (VmStateException)
            {
                // Unreadable: cleared all the same.
            }
        }

        if (_vm is { } vm)
        {
            _vm = null;
            localVms.Remove(Name);
            await vm.DisposeAsync().ConfigureAwait(true);
        }

        try
        {
            await storage.ClearStateAsync(StateName, this.GetGrainId(), _state).ConfigureAwait(true);
        }
        catch (Exception e) when (e is not InconsistentStateException)
        {
            // As in SaveAsync: the storage's own exception may not cross the wire.
            throw new VmStateException($"VM \"{Name}\": clearing its state failed ({e.GetType().Name}: {e.Message})", e);
        }

        _state.State = new VmGrainState();
        _dirty = false;
        _stateBroken = false;
        DeactivateOnIdle();
        await reporter.ReportAsync().ConfigureAwait(true);
    }

    public async Task<VmStatus> GetStatusAsync()
    {
        await EnsureVmAsync(null).ConfigureAwait(true);
        return Status();
    }

    /// <summary>Runs a VM operation; the library's guest failures, which Orleans cannot carry, become the grain's own.</summary>
    private static T Guest<T>(Func<T> operation)
    {
        try
        {
            return operation();
        }
        catch (AgentOsFileSystemException e)
        {
            throw new VmFileSystemException(e);
        }
        catch (AgentOsSpawnException e)
        {
            throw new VmSpawnException(e);
        }
    }

    /// <inheritdoc cref="Guest{T}"/>
    private static async Task<T> GuestAsync<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation().ConfigureAwait(true);
        }
        catch (AgentOsFileSystemException e)
        {
            throw new VmFileSystemException(e);
        }
        catch (AgentOsSpawnException e)
        {
            throw new VmSpawnException(e);
        }
    }

    /// <summary>Ctrl-C for a streamed command: SIGINT to its process group, a short grace to end, then SIGKILL to
    /// the group (which also ends background jobs it left), as the CLI's local exec does.</summary>
    private static async Task InterruptAsync(AgentOsVm vm, AgentOsProcess process)
    {
        if (vm.Kernel.Processes.KillGroup(null, process.Pid, Signals.SIGINT) != Errno.Success)
        {
            process.Signal(Signals.SIGINT);
        }

        try
        {
            await process.WaitAsync().WaitAsync(InterruptGrace).ConfigureAwait(true);
        }
        catch (TimeoutException)
        {
            // Still running: killed below.
        }

        process.Kill();
    }

    /// <summary>The VM of this activation: created from <paramref name="settings"/> (or the defaults) the first time
    /// the VM is used, else restored from the saved state.</summary>
    private async Task<AgentOsVm> EnsureVmAsync(VmSettings? settings)
    {
        if (_vm is not null)
        {
            return _vm;
        }

        if (_stateBroken)
        {
            throw new VmStateException($"VM \"{Name}\": its saved state could not be restored; the stored entry is kept unchanged.");
        }

        await LoadAsync().ConfigureAwait(true);
        var isNew = State.Settings is null;
        var effective = State.Settings ?? settings ?? new VmSettings();
        var vmOptions = new AgentOsOptions
        {
            Limits = new LimitsOptions { Resources = effective.ToResourceLimits() },
            Software = [.. effective.Software],
            Env = new Dictionary<string, string>(effective.Env, StringComparer.Ordinal),
            Host = host,
            CacheDirectory = options.Value.CacheDirectory,
        };
        try
        {
            _vm = State.Snapshot is { } snapshot
                ? await RestoreAsync(snapshot, vmOptions).ConfigureAwait(true)
                : await AgentOsVm.CreateAsync(vmOptions).ConfigureAwait(true);
        }
        catch (AgentOsHostCapacityException e)
        {
            // The exception itself does not cross the wire: Orleans only carries its own serializable types.
            DeactivateOnIdle();
            throw new VmCapacityException($"VM \"{Name}\" does not fit on silo {silo.SiloAddress.Endpoint}: {e.Message}");
        }

        localVms.Add(Name, Status);
        if (isNew)
        {
            State.Settings = effective;
            _dirty = true;
            await ChangedAsync().ConfigureAwait(true);
        }

        await reporter.ReportAsync().ConfigureAwait(true);
        return _vm;
    }

    private async Task LoadAsync()
    {
        if (_loaded)
        {
            return;
        }

        try
        {
            await storage.ReadStateAsync(StateName, this.GetGrainId(), _state).ConfigureAwait(true);
        }
        catch (Exception e)
        {
            _stateBroken = true;
            throw new VmStateException($"VM \"{Name}\": its saved state could not be read ({e.GetType().Name}: {e.Message}); the stored entry is kept unchanged.");
        }

        _loaded = true;
    }

    private async Task<AgentOsVm> RestoreAsync(byte[] snapshot, AgentOsOptions vmOptions)
    {
        try
        {
            return await VmSnapshot.RestoreAsync(snapshot, vmOptions).ConfigureAwait(true);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or AgentOsFileSystemException or IOException)
        {
            _stateBroken = true;
            throw new VmStateException($"VM \"{Name}\": its saved state could not be restored ({e.GetType().Name}: {e.Message}); the stored entry is kept unchanged.");
        }
    }

    private async Task ChangedAsync()
    {
        _dirty = true;
        if (options.Value.SavePolicy == VmSavePolicy.AfterEveryChange)
        {
            await SaveAsync().ConfigureAwait(true);
        }
    }

    private async Task SaveAsync()
    {
        if (_vm is null || _stateBroken)
        {
            return;
        }

        State.Snapshot = await VmSnapshot.CaptureAsync(_vm).ConfigureAwait(true);
        try
        {
            await storage.WriteStateAsync(StateName, this.GetGrainId(), _state).ConfigureAwait(true);
        }
        catch (Exception e) when (e is not InconsistentStateException)
        {
            // Storage exceptions (Npgsql's, say) are not Orleans-serializable: the caller would see a codec error.
            throw new VmStateException($"VM \"{Name}\": saving its state failed ({e.GetType().Name}: {e.Message})", e);
        }

        _dirty = false;
    }

    private VmStatus Status()
    {
        var usage = _vm?.LimitUsage ?? [];
        long Current(string limit) => usage.FirstOrDefault(u => u.Limit == limit)?.Current ?? 0;
        long Capacity(string limit) => usage.FirstOrDefault(u => u.Limit == limit)?.Capacity ?? 0;
        return new VmStatus(Name, silo.SiloAddress.Endpoint.ToString(), new VmUsage(
            Current(LimitNames.FilesystemBytes), Capacity(LimitNames.FilesystemBytes),
            Current(LimitNames.MemoryBytes), Capacity(LimitNames.MemoryBytes), Current(LimitNames.Processes)));
    }
}
