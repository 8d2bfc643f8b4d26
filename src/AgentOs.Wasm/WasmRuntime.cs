using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using AgentOs.Kernel.Exec;
using AgentOs.Wasm.Abi;
using AgentOs.Wasm.Engines;
using AgentOs.Wasm.Runtime;
using Microsoft.Extensions.Logging;
using Wasmtime;

namespace AgentOs.Wasm;

/// <summary>
/// The host process's WebAssembly machinery, shared by every VM: engines per stack class, one ABI linker per engine
/// and the compiled-module cache. VMs differ only in their kernels and limits.
/// </summary>
public sealed class WasmRuntime : IDisposable
{
    private readonly ConcurrentDictionary<StackClassEngine, Lazy<Linker>> _linkers = new();

    // Per module (so per engine), released with the module.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<Module, Linker> _trapLinkers = [];

    // Racy on purpose: a second attach is a no-op in the module cache.
    private bool _loggerAttached;

    /// <summary>Creates the runtime with its module cache in <paramref name="cacheDirectory"/> (null = the default,
    /// <c>$AGENTOS_CACHE_DIR/modules</c> or <c>~/.cache/agentos/modules</c>).</summary>
    public WasmRuntime(string? cacheDirectory = null, ILoggerFactory? loggerFactory = null)
    {
        _loggerAttached = loggerFactory is not null;
        Engines = new EngineProvider();
        Modules = new ModuleCache(cacheDirectory ?? ModuleCache.DefaultDirectory(), loggerFactory?.CreateLogger("AgentOs.Wasm.ModuleCache"));
    }

    /// <summary>Modules compiled by this runtime (not loaded from the disk cache).</summary>
    public long Compilations => Modules.Compilations;

    internal EngineProvider Engines { get; }

    internal ModuleCache Modules { get; }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var (_, linker) in _linkers)
        {
            if (linker.IsValueCreated)
            {
                linker.Value.Dispose();
            }
        }

        Engines.Dispose();
    }

    /// <summary>Sends the module cache's warnings to <paramref name="loggerFactory"/> when the runtime was created
    /// without one (set up ahead of its first VM); otherwise nothing changes.</summary>
    internal void AttachLoggerFactory(ILoggerFactory loggerFactory)
    {
        if (!_loggerAttached)
        {
            _loggerAttached = true;
            Modules.AttachLogger(loggerFactory.CreateLogger("AgentOs.Wasm.ModuleCache"));
        }
    }

    /// <summary>Creates the engine and ABI linker for a stack budget ahead of the first spawn (they take tens of
    /// milliseconds, so a new VM sets them up while it resolves its software).</summary>
    internal void Prepare(long maxWasmStackBytes) => LinkerFor(Engines.Get(maxWasmStackBytes));

    /// <summary>Runs a minimal guest through a spawn's and an exit's native calls once (see
    /// <see cref="SpawnRehearsal"/>), for a caller with an idle core ahead of its first guest; false when the engine's
    /// instance pool was full.</summary>
    internal bool RehearseSpawn(long maxWasmStackBytes)
    {
        var engine = Engines.Get(maxWasmStackBytes);
        return SpawnRehearsal.Run(Modules, engine, LinkerFor(engine));
    }

    internal Linker LinkerFor(StackClassEngine engine) =>
        _linkers.GetOrAdd(engine, static e => new Lazy<Linker>(() => AbiLinker.Create(e.Engine))).Value;

    /// <summary>The linker for <paramref name="module"/>: the shared one, or for a plain WASI module importing
    /// functions this host lacks, its own copy where those trap when called (wasmtime's
    /// <c>--trap-unknown-imports</c>) rather than refusing the module.</summary>
    internal Linker LinkerFor(StackClassEngine engine, Module module, ModuleAbi abi)
    {
        if (abi.UnknownFunctions.Count == 0)
        {
            return LinkerFor(engine);
        }

        return _trapLinkers.GetValue(module, _ =>
        {
            var linker = AbiLinker.Create(engine.Engine);
            foreach (var import in abi.UnknownFunctions)
            {
                var name = import.ModuleName + "." + import.Name;
                linker.DefineFunction(import.ModuleName, import.Name, (Caller _, ReadOnlySpan<ValueBox> _, Span<ValueBox> _) => throw new GuestMissingImportException(name), import.Parameters, import.Results);
            }

            return linker;
        });
    }

    /// <summary>Loads raw module bytes for a stack budget, as a spawn would (benchmarks: compile versus cache).</summary>
    internal void LoadForBenchmark(ReadOnlyMemory<byte> module, long maxWasmStackBytes) =>
        Modules.GetOrLoad(Engines.Get(maxWasmStackBytes), module, "benchmark");

    /// <summary>Loads (deserializes or compiles) the module of <paramref name="image"/> for <paramref name="engine"/>.</summary>
    internal Module Load(StackClassEngine engine, ExecImage image)
    {
        var name = Path.GetFileName(image.Path);
        if (image.CacheKey is { } key)
        {
            // Package files have a stable identity: no need to read and hash megabytes on every spawn.
            var hash = PackageFileHash(key) ?? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
            return Modules.GetOrLoad(engine, hash, image.ReadModule, name);
        }

        return Modules.GetOrLoad(engine, image.ReadModule(), name);
    }

    // A package file's key is "<package SHA-256>:<path>": 48 hex digits of the package's hash (192 bits) and a 64-bit
    // FNV-1a of the path make its module key. The package's content fixes its paths, so only its own author could make
    // two of them collide; and a first spawn does not start the crypto stack (~6 ms of a CLI's start-up).
    internal static string? PackageFileHash(string key)
    {
        const int Sha256Hex = 64;
        if (key.Length <= Sha256Hex + 1 || key[Sha256Hex] != ':' || !ModuleCache.IsLowerHex(key.AsSpan(0, Sha256Hex)))
        {
            return null;
        }

        return string.Concat(key.AsSpan(0, 48), ModuleCache.ShortHash(key.AsSpan(Sha256Hex + 1)));
    }
}
