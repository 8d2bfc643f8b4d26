using System.Collections.Concurrent;
using AgentOs.Kernel;
using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Vfs;
using AgentOs.Kernel.Processes;
using AgentOs.Software;
using AgentOs.State;
using AgentOs.Wasm;
using AgentOs.Workspace;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentOs;

/// <summary>
/// An agentOS virtual machine: a virtual POSIX kernel with its own filesystem, processes and limits, running
/// WebAssembly software. VMs in one host process share nothing but the compiled-module cache.
/// </summary>
/// <example>
/// <code>
/// await using var vm = await AgentOsVm.CreateAsync(new AgentOsOptions
/// {
///     Limits = new() { Resources = new() { MaxProcesses = 64, MaxFilesystemBytes = 256 * 1024 * 1024 } },
/// });
/// var result = await vm.ExecAsync("echo hello | wc -c");   // result.Stdout == "6\n"
/// </code>
/// </example>
public sealed partial class AgentOsVm : IAsyncDisposable
{
    private readonly WasmExecutor _executor;
    private readonly Kernel.Kernel _kernel;
    private readonly ILogger _logger;
    private readonly Credentials _credentials;
    private readonly Dictionary<string, string> _environment;
    private readonly ConcurrentDictionary<AgentOsProcess, byte> _handles = new();
    private readonly int _maxCapturedOutputBytes;
    private readonly TimeSpan _terminateGrace;
    private readonly AgentOsMetrics _metrics;
    private IDisposable? _hostClaim;
    private int _disposed;

    private AgentOsVm(Kernel.Kernel kernel, WasmExecutor executor, Credentials credentials, Dictionary<string, string> environment, string cwd,
        IReadOnlyList<CachedPackage> software, int maxCapturedOutputBytes, int terminateGraceMs, ILogger logger, AgentOsMetrics metrics)
    {
        _kernel = kernel;
        _executor = executor;
        _logger = logger;
        _credentials = credentials;
        _environment = environment;
        _maxCapturedOutputBytes = maxCapturedOutputBytes;
        _terminateGrace = TimeSpan.FromMilliseconds(terminateGraceMs);
        WorkingDirectory = cwd;
        Software = software;
        FileSystem = new AgentOsFileSystem(kernel, credentials, cwd);
        RootFileSystem = new AgentOsFileSystem(kernel, Credentials.Root, cwd);
        Network = new Network.AgentOsNetwork(kernel);
        kernel.Registry.Warning += OnWarning;
        _metrics = metrics;
        _metrics.Track(kernel.Registry, kernel.Cpu);
    }

    /// <summary>Raised once each time a limit's usage crosses 80% of its capacity (re-armed when it drops to ≤ 50%).
    /// Raised on the thread that crossed the threshold: handlers must be quick and must not block.</summary>
    public event EventHandler<LimitWarning>? LimitWarning;

    /// <summary>The VM identifier (logs, metrics, warnings).</summary>
    public string Id => _kernel.VmId;

    /// <summary>The effective limits (configured values with the defaults filled in).</summary>
    public EffectiveLimits Limits => _kernel.Limits;

    /// <summary>Every limit gauge's current reading: usage, high-water mark, capacity and config path, sorted by name.</summary>
    public IReadOnlyList<LimitUsage> LimitUsage => _kernel.Registry.Snapshot();

    /// <summary>The installed packages, in mount order.</summary>
    public IReadOnlyList<CachedPackage> Software { get; }

    /// <summary>The working directory of host-started processes and relative paths.</summary>
    public string WorkingDirectory { get; }

    /// <summary>The environment every host-started process gets (before per-process additions).</summary>
    public IReadOnlyDictionary<string, string> Environment => _environment;

    /// <summary>The filesystem with the VM user's identity (files the host creates belong to that user).</summary>
    public AgentOsFileSystem FileSystem { get; }

    /// <summary>The filesystem with root's identity (e.g. to write under <c>/etc</c>).</summary>
    public AgentOsFileSystem RootFileSystem { get; }

    /// <summary>Host connections (raw streams and HTTP) to servers listening inside the VM.</summary>
    public Network.AgentOsNetwork Network { get; }

    /// <summary>Every process of the VM (running, stopped and zombie), by pid.</summary>
    public IReadOnlyList<ProcessInfo> Processes => _kernel.Processes.Snapshot();

    /// <summary>CPU time all the VM's guest processes have used so far (charged against
    /// <c>limits.resources.maxCpuCores</c>).</summary>
    public TimeSpan CpuTime => _kernel.Cpu.Used;

    /// <summary>How long the VM's guest threads have been parked for exceeding <c>limits.resources.maxCpuCores</c>.</summary>
    public TimeSpan CpuThrottledTime => _kernel.Cpu.Throttled;

    internal Kernel.Kernel Kernel => _kernel;

    /// <summary>
    /// Creates a VM: validates the limits (an invalid one throws <see cref="LimitConfigurationException"/> naming it,
    /// before anything else happens), resolves the software (from the local cache when present, so only the first
    /// VM on a machine needs the network), builds the kernel, mounts the packages and sets the default environment.
    /// </summary>
    /// <exception cref="LimitConfigurationException">A limit is out of range; <see cref="LimitConfigurationException.ConfigPath"/> names it.</exception>
    /// <exception cref="ArgumentException">The working directory is not absolute, an environment name is invalid, or a
    /// <c>network.allowedHosts</c> rule is malformed.</exception>
    /// <exception cref="SoftwareException">Software cannot be found, downloaded, verified or mounted.</exception>
    /// <exception cref="AgentOsStateException"><see cref="AgentOsOptions.State"/> is not a loadable state: corrupt,
    /// truncated, hostile, or larger than the limits.</exception>
    public static async Task<AgentOsVm> CreateAsync(AgentOsOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new AgentOsOptions();
        if (options.State is not { } state)
        {
            return await CreateFromAsync(options, loadTree: null, cancellationToken).ConfigureAwait(false);
        }

        using var reader = await StateReader.OpenAsync(state, cancellationToken).ConfigureAwait(false);
        var merged = reader.Header.Configuration.MergeInto(options, reader.Header.VmId);
        reader.CheckFits(ResolvedOptions.From(merged).Limits);
        return await CreateFromAsync(merged, reader.LoadAsync, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates a VM whose filesystem is <paramref name="loadTree"/>'s (into a kernel without a base tree),
    /// or the base tree when null.</summary>
    private static async Task<AgentOsVm> CreateFromAsync(AgentOsOptions options, Func<Kernel.Kernel, CancellationToken, Task>? loadTree,
        CancellationToken cancellationToken)
    {
        var resolved = ResolvedOptions.From(options);
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger("AgentOs");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var claim = options.Host?.Claim(resolved.Limits);
        try
        {
            var vm = await CreateCoreAsync(options, resolved, loadTree, loggerFactory, logger, cancellationToken).ConfigureAwait(false);
            vm._hostClaim = claim;
            LogCreated(logger, vm.Id, vm.Software.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return vm;
        }
        catch
        {
            claim?.Dispose();
            throw;
        }
    }

    private static Task<List<Kernel.Packages.AospkgPackage>> OpenPackagesAsync(IReadOnlyList<CachedPackage> software, CancellationToken cancellationToken) =>
        Task.Run(() => software.Select(PackageLibrary.Open).ToList(), cancellationToken);

    private static async Task<AgentOsVm> CreateCoreAsync(AgentOsOptions options, ResolvedOptions resolved, Func<Kernel.Kernel, CancellationToken, Task>? loadTree,
        ILoggerFactory loggerFactory, ILogger logger, CancellationToken cancellationToken)
    {
        // The first VM of a process sets up Wasmtime's engine and linker; that runs beside the software resolution.
        var runtime = Task.Run(() =>
        {
            var shared = SharedWasmRuntime.Get(options.CacheDirectory, options.LoggerFactory);
            shared.Prepare(resolved.Limits.MaxWasmStackBytes);
            return shared;
        }, CancellationToken.None);
        IReadOnlyList<CachedPackage> software;
        using (var resolver = new SoftwareResolver(new SoftwareResolverOptions { CacheDirectory = options.CacheDirectory, Registry = options.Registry }))
        {
            software = await resolver.ResolveAsync(options.SoftwareToResolve().Where(s => !WasmPrograms.IsWasmSpec(s)), options.Progress, cancellationToken).ConfigureAwait(false);
        }

        // A loop, not SelectMany: LINQ over tuples is left to the JIT, a few ms of a CLI's start-up.
        var programs = new List<(string Command, string Path)>();
        foreach (var spec in options.SoftwareToResolve())
        {
            if (WasmPrograms.IsWasmSpec(spec))
            {
                programs.AddRange(WasmPrograms.Find(spec));
            }
        }

        var kernelOptions = options.VmId is { Length: > 0 } id
            ? new KernelOptions { Limits = resolved.Limits, LoggerFactory = options.LoggerFactory, VmId = id, BuildBaseTree = loadTree is null }
            : new KernelOptions { Limits = resolved.Limits, LoggerFactory = options.LoggerFactory, BuildBaseTree = loadTree is null };
        // Without a saved tree to load first, the packages open (their indexes parsed, once per process) beside the
        // kernel's construction.
        var opening = loadTree is null ? OpenPackagesAsync(software, cancellationToken) : null;
        var kernel = new Kernel.Kernel(kernelOptions);
        if (loadTree is not null)
        {
            await loadTree(kernel, cancellationToken).ConfigureAwait(false);
            var proc = kernel.FileSystem.MountProc();
            if (proc != Errno.Success)
            {
                throw new AgentOsStateException($"state: /proc cannot be mounted ({proc}): the tree holds something other than a directory there.");
            }
        }

        // Opened once the tree is in, so a state that fails to load leaves no package open.
        var packages = await (opening ?? OpenPackagesAsync(software, cancellationToken)).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();

        kernel.NetworkPolicy = resolved.NetworkPolicy;
        kernel.DnsServers = resolved.DnsServers;
        for (var i = 0; i < packages.Count; i++)
        {
            var errno = PackageMount.Mount(kernel, packages[i], software[i].Sha256);
            if (errno != Errno.Success)
            {
                var reason = errno == Errno.EEXIST
                    ? "it is already installed or one of its commands is provided by another package"
                    : AgentOsFileSystemException.Strerror(errno);
                throw new SoftwareException($"{software[i].Name}@{software[i].Version}: cannot be installed in the VM ({errno}): {reason}");
            }
        }

        foreach (var (command, path) in programs)
        {
            WasmPrograms.Install(kernel, command, path, replace: loadTree is not null);
        }

        foreach (var own in OwnProgram.All)
        {
            if (software.Any(p => p.Name == own.Companion))
            {
                InstallOwnProgram(kernel, own);
            }
        }

        var credentials = options.User == VmUser.Root ? Credentials.Root : Credentials.AgentOsUser;
        PrepareWorkingDirectory(kernel, credentials, resolved.Cwd);
        var imports = resolved.Mounts.Count == 0
            ? []
            : await Task.Run(() => HostMounts.Apply(kernel, credentials, resolved.Mounts, cancellationToken), cancellationToken).ConfigureAwait(false);
        var executor = new WasmExecutor(kernel, await runtime.ConfigureAwait(false), loggerFactory.CreateLogger("AgentOs.Wasm"));
        return new AgentOsVm(kernel, executor, credentials, resolved.Environment, resolved.Cwd, software, resolved.MaxCapturedOutputBytes, resolved.TerminateGraceMs, logger, AgentOsMetrics.For(options.MeterFactory))
        {
            Mounts = resolved.Mounts,
            MountImports = imports,
            Options = options,
        };
    }

    /// <summary>Mounts <paramref name="own"/>, first removing the companion's command it replaces.</summary>
    internal static void InstallOwnProgram(Kernel.Kernel kernel, OwnProgram own)
    {
        var (package, sha256) = own.Get();
        if (own.Replaces)
        {
            // The companion's command links go; /bin/NAME points at the link's path, so it follows the new one.
            foreach (var command in own.Commands)
            {
                kernel.FileSystem.Unlink(PathContext.Root, AgentOs.Kernel.Kernel.CommandsDirectory + "/" + command);
            }
        }

        var errno = PackageMount.Mount(kernel, package, sha256);
        if (errno != Errno.Success)
        {
            throw new SoftwareException($"{own.Command}: cannot be installed in the VM ({errno}): {AgentOsFileSystemException.Strerror(errno)}");
        }
    }

    /// <summary>The processes of the VM as a forest: each process under its parent; orphans and host-started
    /// processes are roots.</summary>
    public IReadOnlyList<ProcessTreeNode> GetProcessTree()
    {
        var all = _kernel.Processes.Snapshot();
        var pids = all.Select(p => p.Pid).ToHashSet();
        var children = all.ToLookup(p => pids.Contains(p.ParentPid) && p.ParentPid != p.Pid ? p.ParentPid : 0);
        return Build(0);

        IReadOnlyList<ProcessTreeNode> Build(int parent) =>
            [.. children[parent].Select(p => new ProcessTreeNode(p, Build(p.Pid)))];
    }

    /// <summary>
    /// Ends the VM: every process gets SIGTERM, those still alive after the grace period
    /// (<see cref="ProcessLimitsOptions.TerminateGraceMs"/>) get SIGKILL; the host's pipe ends are closed and the
    /// VM stops reporting metrics; read-write mounts are written back to their host directories (a failure is logged:
    /// call <see cref="SyncMountsAsync"/> first to see it). Idempotent.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        CloseTerminals();
        await Task.Run(() => _kernel.Processes.TerminateAll(_terminateGrace)).ConfigureAwait(false);

        // Killed guests unwind within an epoch tick; wait so no guest thread outlives its VM.
        try
        {
            await _executor.WhenIdle().WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogGuestsStillRunning(_logger, Id);
        }

        // Enumerated, not Keys: Keys takes every lock and its first use builds the collections' EventSource (ms of reflection).
        foreach (var (handle, _) in _handles)
        {
            handle.Dispose();
        }

        await WriteBackMountsAsync().ConfigureAwait(false);

        // One usage snapshot per VM at Debug (high-water marks included), not one per process exit.
        _kernel.Registry.LogUsageSnapshot();
        _kernel.Registry.Warning -= OnWarning;
        _metrics.Untrack(_kernel.Registry);
        _hostClaim?.Dispose();
        LogDisposed(_logger, Id);
    }

    internal void Forget(AgentOsProcess handle) => _handles.TryRemove(handle, out _);

    private static void PrepareWorkingDirectory(Kernel.Kernel kernel, Credentials credentials, string cwd)
    {
        // A missing working directory is created for the VM user, as a home directory would be.
        var root = new AgentOsFileSystem(kernel, Credentials.Root, "/");
        if (!root.Exists(cwd))
        {
            root.CreateDirectory(cwd);
            var errno = kernel.FileSystem.Chown(AgentOs.Kernel.Vfs.PathContext.Root, cwd, credentials.Uid, credentials.Gid, follow: true);
            if (errno != Errno.Success)
            {
                throw new AgentOsFileSystemException(errno, "chown", cwd);
            }
        }
    }

    private void OnWarning(LimitWarning warning)
    {
        _metrics.RecordWarning(Id, warning);
        LimitWarning?.Invoke(this, warning);
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "vm created vm={VmId} packages={Packages} elapsed_ms={ElapsedMs:F1}")]
    private static partial void LogCreated(ILogger logger, string vmId, int packages, double elapsedMs);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "guest threads still unwinding 5 s after the VM ended vm={VmId}")]
    private static partial void LogGuestsStillRunning(ILogger logger, string vmId);

    [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "vm disposed vm={VmId}")]
    private static partial void LogDisposed(ILogger logger, string vmId);
}
