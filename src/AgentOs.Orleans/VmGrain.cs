using System.Threading.Channels;
using AgentOs.Kernel.Fds;
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

    public async Task<VmExecResult> ExecAsync(string command, VmExecOptions? options = null)
    {
        var vm = await EnsureVmAsync(null).ConfigureAwait(true);
        try
        {
            var result = await vm.ExecAsync(command, new ExecOptions { Cwd = options?.Cwd, StdinText = options?.Stdin, Timeout = options?.Timeout }).ConfigureAwait(true);
            return new VmExecResult
            {
                ExitCode = result.Signal is { } signal ? 128 + signal : result.ExitCode,
                Stdout = result.StdoutBytes.ToArray(),
                Stderr = result.StderrBytes.ToArray(),
                TimedOut = result.TimedOut,
                Truncated = result.StdoutTruncated || result.StderrTruncated,
            };
        }
        finally
        {
            await ChangedAsync().ConfigureAwait(true);
        }
    }

    public async IAsyncEnumerable<VmOutputChunk> ExecStreamAsync(string command, VmExecOptions? options = null)
    {
        var vm = await EnsureVmAsync(null).ConfigureAwait(true);
        await using var process = vm.Spawn("/bin/sh", ["-c", command], new SpawnOptions { Cwd = options?.Cwd });
        using var timeout = options?.Timeout is { } limit ? new CancellationTokenSource(limit) : null;
        await using var kill = timeout?.Token.Register(process.Kill);
        if (options?.Stdin is { } stdin)
        {
            await process.WriteStdinAsync(stdin).ConfigureAwait(true);
        }

        process.CloseStdin();
        var chunks = Channel.CreateUnbounded<VmOutputChunk>();
        var pumps = Task.WhenAll(OutputPump.RunAsync(process.StandardOutput, VmOutputKind.Stdout, chunks.Writer), OutputPump.RunAsync(process.StandardError, VmOutputKind.Stderr, chunks.Writer));
        _ = pumps.ContinueWith(t => chunks.Writer.TryComplete(t.Exception), TaskScheduler.Default);
        await foreach (var chunk in chunks.Reader.ReadAllAsync().ConfigureAwait(true))
        {
            yield return chunk;
        }

        var exit = await process.WaitAsync().ConfigureAwait(true);
        await ChangedAsync().ConfigureAwait(true);
        yield return new VmOutputChunk { Kind = VmOutputKind.Exit, ExitCode = exit.Signal is { } signal ? 128 + signal : exit.ExitCode };
    }

    public async Task<byte[]> ReadFileAsync(string path)
    {
        var vm = await EnsureVmAsync(null).ConfigureAwait(true);
        return vm.FileSystem.ReadAllBytes(path);
    }

    public async Task WriteFileAsync(string path, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var vm = await EnsureVmAsync(null).ConfigureAwait(true);
        if (Path.GetDirectoryName(path) is { Length: > 0 } parent && !vm.FileSystem.Exists(parent))
        {
            vm.FileSystem.CreateDirectory(parent);
        }

        vm.FileSystem.WriteAllBytes(path, content);
        await ChangedAsync().ConfigureAwait(true);
    }

    public async Task<IReadOnlyList<VmFileEntry>> ListAsync(string path)
    {
        var vm = await EnsureVmAsync(null).ConfigureAwait(true);
        return [.. vm.FileSystem.ReadDirectory(path).Select(e => new VmFileEntry(e.Name, e.Type == FileType.Directory, e.Size))];
    }

    public async Task<VmStatus> GetStatusAsync()
    {
        await EnsureVmAsync(null).ConfigureAwait(true);
        return Status();
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
