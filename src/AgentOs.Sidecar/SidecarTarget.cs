using System.Collections.Concurrent;
using System.Text.Json;
using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Net;
using AgentOs.Network;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace AgentOs.Sidecar;

/// <summary>
/// The RPC methods of one sidecar session (docs/sidecar-protocol.md). Parameters are bound by name from the request's
/// <c>params</c> object; every failure leaves as a typed error (<see cref="SidecarErrors"/>).
/// </summary>
internal sealed partial class SidecarTarget : IAsyncDisposable
{
    /// <summary>Largest chunk <c>fs.readFile</c> returns at once.</summary>
    public const int MaxReadChunk = 4 << 20;

    private readonly JsonRpc _rpc;
    private readonly LimitRegistry _registry;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly SidecarServerOptions _options;
    private readonly ConcurrentDictionary<string, SidecarVm> _vms = new(StringComparer.Ordinal);

    public SidecarTarget(JsonRpc rpc, LimitRegistry registry, ILoggerFactory loggers, SidecarServerOptions options)
    {
        _rpc = rpc;
        _registry = registry;
        _loggers = loggers;
        _logger = loggers.CreateLogger("AgentOs.Sidecar");
        _options = options;
    }

    [JsonRpcMethod("vm.create")]
    public Task<object> CreateVmAsync(
        IList<string>? software = null,
        bool defaultSoftware = true,
        JsonElement? limits = null,
        IDictionary<string, string>? env = null,
        string? cwd = null,
        string? user = null,
        string? vmId = null,
        JsonElement? network = null,
        IList<string>? mounts = null,
        CancellationToken cancellationToken = default) => Guard<object>(async () =>
    {
        var options = new AgentOsOptions
        {
            Software = software ?? [],
            DefaultSoftware = defaultSoftware,
            Env = env ?? new Dictionary<string, string>(StringComparer.Ordinal),
            Cwd = cwd ?? "/workspace",
            VmId = vmId,
            CacheDirectory = _options.CacheDirectory,
            Host = _options.Host,
            LoggerFactory = _loggers,
        };
        if (limits is { ValueKind: not JsonValueKind.Null } json)
        {
            CheckKeys(json, typeof(LimitsOptions), "limits.");
            try
            {
                options.Limits = json.Deserialize<LimitsOptions>(LimitsJson) ?? new LimitsOptions();
            }
            catch (JsonException e)
            {
                throw SidecarErrors.InvalidParams("limits: " + e.Message, "limits" + e.Path?.TrimStart('$'));
            }
        }

        foreach (var mount in mounts ?? [])
        {
            try
            {
                options.Mounts.Add(HostMount.Parse(mount));
            }
            catch (FormatException e)
            {
                throw SidecarErrors.InvalidParams("mounts: " + e.Message, "mounts");
            }
        }

        if (network is { ValueKind: not JsonValueKind.Null } networkJson)
        {
            options.Network = ParseNetwork(networkJson);
        }

        if (user is not null)
        {
            options.User = user switch
            {
                "agentos" => VmUser.AgentOs,
                "root" => VmUser.Root,
                _ => throw SidecarErrors.InvalidParams($"user: expected \"agentos\" or \"root\", got \"{user}\"", "user"),
            };
        }

        if (vmId is not null && _vms.ContainsKey(vmId))
        {
            throw SidecarErrors.InvalidParams($"vmId: a VM '{vmId}' already exists on this sidecar", "vmId");
        }

        var vm = await AgentOsVm.CreateAsync(options, cancellationToken).ConfigureAwait(false);
        if (!_vms.TryAdd(vm.Id, new SidecarVm(vm, _rpc, _logger)))
        {
            await vm.DisposeAsync().ConfigureAwait(false);
            throw SidecarErrors.InvalidParams($"vmId: a VM '{vm.Id}' already exists on this sidecar", "vmId");
        }

        LogVmCreated(_logger, vm.Id);
        return new { vmId = vm.Id };
    });

    [JsonRpcMethod("vm.dispose")]
    public Task<object> DisposeVmAsync(string vmId) => Guard<object>(async () =>
    {
        if (!_vms.TryRemove(vmId, out var vm))
        {
            throw SidecarErrors.VmNotFound(vmId);
        }

        await vm.DisposeAsync().ConfigureAwait(false);
        return new { disposed = true };
    });

    [JsonRpcMethod("process.exec")]
    public Task<SidecarExecResult> ExecAsync(
        string vmId,
        string command,
        IDictionary<string, string>? env = null,
        string? cwd = null,
        byte[]? stdin = null,
        int? maxCapturedOutputBytes = null,
        int? timeoutMs = null,
        string? tag = null,
        CancellationToken cancellationToken = default) => Guard(async () =>
    {
        if (timeoutMs is <= 0)
        {
            throw SidecarErrors.InvalidParams($"timeoutMs must be a positive number of milliseconds (was {timeoutMs})", "timeoutMs");
        }

        using var input = stdin is null ? null : new MemoryStream(stdin, writable: false);
        var options = new ExecOptions
        {
            Env = env,
            Cwd = cwd,
            Stdin = input,
            MaxCapturedOutputBytes = maxCapturedOutputBytes,
            Timeout = timeoutMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null,

            // With a tag the host learns the pid while the command runs (to process.signal it).
            Started = tag is null ? null : pid => _rpc.NotifyWithParameterObjectAsync("process.started", new { vmId, pid, tag })
                .ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default),
        };
        var result = await Vm(vmId).ExecAsync(command, options, cancellationToken).ConfigureAwait(false);
        return new SidecarExecResult(result.Pid, result.ExitCode, result.Signal, result.StdoutBytes.ToArray(), result.StderrBytes.ToArray(), result.StdoutTruncated, result.StderrTruncated, result.TimedOut);
    });

    [JsonRpcMethod("process.spawn")]
    public Task<object> SpawnAsync(string vmId, string program, IList<string>? args = null, IDictionary<string, string>? env = null, string? cwd = null) =>
        Guard<object>(() => Task.FromResult<object>(new { pid = Session(vmId).Spawn(program, args, new SpawnOptions { Env = env, Cwd = cwd }) }));

    [JsonRpcMethod("process.stdin.write")]
    public Task<object> WriteStdinAsync(string vmId, int pid, byte[] data, CancellationToken cancellationToken = default) => Guard<object>(async () =>
    {
        await Session(vmId).Process(pid).WriteStdinAsync(data, cancellationToken).ConfigureAwait(false);
        return new { written = data.Length };
    });

    [JsonRpcMethod("process.stdin.close")]
    public Task<object> CloseStdinAsync(string vmId, int pid) => Guard<object>(() =>
    {
        Session(vmId).Process(pid).CloseStdin();
        return Task.FromResult<object>(new { closed = true });
    });

    [JsonRpcMethod("process.signal")]
    public Task<object> SignalAsync(string vmId, int pid, int signal) =>
        Guard<object>(() => Task.FromResult<object>(new { delivered = Session(vmId).Signal(pid, signal) }));

    [JsonRpcMethod("process.wait")]
    public Task<ProcessExit> WaitAsync(string vmId, int pid, CancellationToken cancellationToken = default) =>
        Guard(() => Session(vmId).Process(pid).WaitAsync(cancellationToken));

    [JsonRpcMethod("fs.readFile")]
    // length is taken as a long so an oversized one is answered in the protocol's words, not as an unbindable call.
    public Task<SidecarFileChunk> ReadFileAsync(string vmId, string path, long offset = 0, long? length = null) => Guard(async () =>
    {
        if (offset < 0)
        {
            throw SidecarErrors.InvalidParams($"fs.readFile: offset must be >= 0 (was {offset})", "offset");
        }

        if (length is < 0 or > MaxReadChunk)
        {
            throw SidecarErrors.InvalidParams($"fs.readFile: length must be 0..{MaxReadChunk} bytes (was {length}); read larger files in chunks from offset + data.length", "length");
        }

        var stream = Vm(vmId).FileSystem.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            var size = stream.Length;
            var start = Math.Min(offset, size);
            var count = (int)Math.Min(length ?? MaxReadChunk, size - start);
            stream.Position = start;
            var data = new byte[count];
            await stream.ReadExactlyAsync(data).ConfigureAwait(false);
            return new SidecarFileChunk(data, start, size, start + count >= size);
        }
    });

    [JsonRpcMethod("fs.writeFile")]
    public Task<object> WriteFileAsync(string vmId, string path, byte[] data, bool append = false) => Guard<object>(async () =>
    {
        var fs = Vm(vmId).FileSystem;
        var stream = append ? fs.OpenAppend(path) : fs.OpenWrite(path);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(data).ConfigureAwait(false);
        }

        return new { written = data.Length };
    });

    [JsonRpcMethod("fs.mkdir")]
    public Task<object> MkdirAsync(string vmId, string path) => Guard<object>(() =>
    {
        Vm(vmId).FileSystem.CreateDirectory(path);
        return Task.FromResult<object>(new { created = true });
    });

    [JsonRpcMethod("fs.readdir")]
    public Task<SidecarDirectoryEntry[]> ReadDirectoryAsync(string vmId, string path, bool recursive = false) => Guard(() =>
        Task.FromResult(Vm(vmId).FileSystem.ReadDirectory(path, recursive)
            .Select(e => new SidecarDirectoryEntry(e.Name, e.Path, SidecarJson.Name(e.Type), e.Size)).ToArray()));

    [JsonRpcMethod("fs.stat")]
    public Task<SidecarFileStat> StatAsync(string vmId, string path, bool followSymlinks = true) => Guard(() =>
    {
        var s = Vm(vmId).FileSystem.Stat(path, followSymlinks);
        return Task.FromResult(new SidecarFileStat(SidecarJson.Name(s.FileType), s.Mode, s.Size, s.Uid, s.Gid, s.Inode, s.LinkCount, s.AccessTimeNs, s.ModifyTimeNs, s.ChangeTimeNs));
    });

    [JsonRpcMethod("fs.remove")]
    public Task<object> RemoveAsync(string vmId, string path, bool recursive = false) => Guard<object>(() =>
    {
        Vm(vmId).FileSystem.Delete(path, recursive);
        return Task.FromResult<object>(new { removed = true });
    });

    [JsonRpcMethod("fs.move")]
    public Task<object> MoveAsync(string vmId, string from, string to) => Guard<object>(() =>
    {
        Vm(vmId).FileSystem.Move(from, to);
        return Task.FromResult<object>(new { moved = true });
    });

    [JsonRpcMethod("limits.usage")]
    public Task<IReadOnlyList<LimitUsage>> LimitUsageAsync(string? vmId = null) =>
        Guard(() => Task.FromResult(vmId is null ? _registry.Snapshot() : Vm(vmId).LimitUsage));

    /// <summary>Disposes every VM (the session is over).</summary>
    public async ValueTask DisposeAsync()
    {
        var vms = _vms.Values.ToList();
        _vms.Clear();
        await Task.WhenAll(vms.Select(vm => vm.DisposeAsync().AsTask())).ConfigureAwait(false);
    }

    private static readonly JsonSerializerOptions LimitsJson = new()
    {
        PropertyNameCaseInsensitive = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    // network: {allowedHosts?: string[], dnsServers?: string[]}, each entry checked here so the error names its path.
    private static NetworkOptions ParseNetwork(JsonElement json)
    {
        CheckKeys(json, typeof(NetworkOptions), "network.");
        NetworkOptions network;
        try
        {
            network = json.Deserialize<NetworkOptions>(LimitsJson) ?? new NetworkOptions();
        }
        catch (JsonException e)
        {
            throw SidecarErrors.InvalidParams("network: " + e.Message, "network" + e.Path?.TrimStart('$'));
        }

        try
        {
            _ = new NetworkPolicy(network.AllowedHosts);
        }
        catch (FormatException e)
        {
            throw SidecarErrors.InvalidParams("network.allowedHosts: " + e.Message, "network.allowedHosts");
        }

        try
        {
            _ = network.DnsServers.Select(HostDns.ParseServer).ToList();
        }
        catch (FormatException e)
        {
            throw SidecarErrors.InvalidParams("network.dnsServers: " + e.Message, "network.dnsServers");
        }

        return network;
    }

    // The library's check, so a misspelt key gets the message the CLI and the library configuration give.
    private static void CheckKeys(JsonElement json, Type section, string prefix)
    {
        try
        {
            OptionKeys.Check(json, section, prefix);
        }
        catch (LimitConfigurationException e)
        {
            throw SidecarErrors.InvalidParams(ResolvedOptions.Message(e), e.ConfigPath);
        }
    }

    private SidecarVm Session(string vmId) => _vms.TryGetValue(vmId, out var vm) ? vm : throw SidecarErrors.VmNotFound(vmId);

    private AgentOsVm Vm(string vmId) => Session(vmId).Vm;

    private async Task<T> Guard<T>(Func<Task<T>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not LocalRpcException && e is not OperationCanceledException)
        {
            var typed = SidecarErrors.Translate(e);
            if (typed is null)
            {
                LogUnexpected(_logger, e);
                throw new LocalRpcException($"internal error: {e.GetType().Name}: {e.Message}") { ErrorCode = -32603, ErrorData = new SidecarErrorData(e.GetType().Name) };
            }

            throw typed;
        }
    }

    [LoggerMessage(EventId = 301, Level = LogLevel.Debug, Message = "sidecar vm created vm={VmId}")]
    private static partial void LogVmCreated(ILogger logger, string vmId);

    [LoggerMessage(EventId = 302, Level = LogLevel.Error, Message = "sidecar request failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);
}
