using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using AgentOs.Wasm.Engines;
using Microsoft.Extensions.Logging;
using Wasmtime;

namespace AgentOs.Wasm.Runtime;

/// <summary>
/// Compiled modules, kept on disk as Wasmtime serialized artifacts and in memory per engine, so a warm run never
/// compiles: a disk hit is an mmap (<see cref="Module.DeserializeFile"/>, ~1 ms for a 3 MB guest) against seconds of
/// Cranelift. The file key is the SHA-256 of the module bytes plus a tag of the engines' compilation profile and the Wasmtime
/// build; Wasmtime also refuses artifacts from another version or profile, and such a file is treated as corrupt.
/// Concurrent first loads of one module compile it once (a per-key <see cref="Lazy{T}"/>), whichever engine asks.
/// Thread-safe.
/// </summary>
internal sealed class ModuleCache
{
    private readonly string _directory;
    private readonly string _profileTag;
    private readonly int _capacity;
    private ILogger? _logger;
    private readonly ConcurrentDictionary<(StackClassEngine Engine, string Key), Lazy<Module>> _modules = new();
    private readonly ConcurrentQueue<(StackClassEngine Engine, string Key)> _insertionOrder = new();
    private readonly ConcurrentDictionary<string, Lazy<byte[]?>> _compiling = new();
    private int _count; // _modules.Count would take every lock (and construct the collections' EventSource on first use)
    private long _compilations;
    private long _diskLoads;

    /// <param name="directory">Where artifacts live; created on first write.</param>
    /// <param name="logger">Receives warnings about discarded or unwritable artifacts.</param>
    /// <param name="capacity">Modules kept in memory (per engine and module). Evicted ones are not disposed (a
    /// concurrent caller may be instantiating them); their handles are released by the finalizer.</param>
    public ModuleCache(string directory, ILogger? logger = null, int capacity = 256)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _directory = directory;
        _capacity = capacity;
        _logger = logger;
        _profileTag = ProfileTag();
    }

    /// <summary>Gives a cache created without a logger one (the first wins); for a runtime set up before its first VM.</summary>
    public void AttachLogger(ILogger logger) => Interlocked.CompareExchange(ref _logger, logger, null);

    /// <summary>Modules compiled by Cranelift since creation (tests assert warm loads add none).</summary>
    public long Compilations => Interlocked.Read(ref _compilations);

    /// <summary>Modules loaded from disk artifacts since creation.</summary>
    public long DiskLoads => Interlocked.Read(ref _diskLoads);

    /// <summary><c>$AGENTOS_CACHE_DIR/modules</c>, by default <c>~/.cache/agentos/modules</c>.</summary>
    public static string DefaultDirectory()
    {
        var root = Environment.GetEnvironmentVariable("AGENTOS_CACHE_DIR");
        if (string.IsNullOrEmpty(root))
        {
            root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "agentos");
        }

        return Path.Combine(root, "modules");
    }

    /// <summary>FNV-1a, 64 bits, as 16 lowercase hex digits: a cheap tag where no adversary picks the text (the crypto
    /// stack's start costs a CLI ~6 ms).</summary>
    public static string ShortHash(ReadOnlySpan<char> text) => ShortHash(MemoryMarshal.AsBytes(text));

    private static string ShortHash(ReadOnlySpan<byte> bytes)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash.ToString("x16", CultureInfo.InvariantCulture);
    }

    // Only keeps artifacts of different engine settings apart (Wasmtime checks compatibility itself). The build id is
    // hashed as bytes: formatting a Guid costs a CLI's start-up ~6 ms.
    private static string ProfileTag()
    {
        var profile = MemoryMarshal.AsBytes((EngineProvider.CompilationProfile + "|wasmtime=").AsSpan());
        Span<byte> tag = stackalloc byte[profile.Length + 16];
        profile.CopyTo(tag);
        EngineProvider.WasmtimeBuild.TryWriteBytes(tag[profile.Length..]);
        return ShortHash(tag);
    }

    /// <summary>Whether <paramref name="text"/> is lowercase hex digits only (a loop: <c>SearchValues</c>' generic
    /// searchers are not precompiled and cost a first spawn ~5 ms of JIT, LINQ an enumerator per call).</summary>
    public static bool IsLowerHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigitLower(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The content hash this cache keys modules by: lowercase hex SHA-256.</summary>
    public static string Hash(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The module for <paramref name="engine"/>, hashing <paramref name="wasm"/>.</summary>
    public Module GetOrLoad(StackClassEngine engine, ReadOnlyMemory<byte> wasm, string name = "guest") =>
        GetOrLoad(engine, Hash(wasm.Span), () => wasm, name);

    /// <summary>
    /// The module for <paramref name="engine"/> whose bytes hash to <paramref name="contentHash"/> (see
    /// <see cref="Hash"/>); <paramref name="loadBytes"/> runs only when it must be compiled. Invalid wasm throws
    /// <see cref="WasmtimeException"/> (the executor's ENOEXEC).
    /// </summary>
    public Module GetOrLoad(StackClassEngine engine, string contentHash, Func<ReadOnlyMemory<byte>> loadBytes, string name = "guest")
    {
        if (contentHash.Length != 64 || !IsLowerHex(contentHash))
        {
            throw new ArgumentException("Expected a lowercase hex SHA-256.", nameof(contentHash));
        }

        var key = (engine, contentHash);
        if (!_modules.TryGetValue(key, out var lazy))
        {
            var created = new Lazy<Module>(() => Load(engine, contentHash, loadBytes, name));
            lazy = _modules.GetOrAdd(key, created);
            if (ReferenceEquals(lazy, created))
            {
                Remember(key);
            }
        }

        try
        {
            return lazy.Value;
        }
        catch
        {
            // Do not cache the failure: the next spawn retries.
            if (_modules.TryRemove(KeyValuePair.Create(key, lazy)))
            {
                Interlocked.Decrement(ref _count);
            }

            throw;
        }
    }

    private void Remember((StackClassEngine, string) key)
    {
        _insertionOrder.Enqueue(key);
        Interlocked.Increment(ref _count);
        while (Volatile.Read(ref _count) > _capacity && _insertionOrder.TryDequeue(out var oldest))
        {
            if (_modules.TryRemove(oldest, out _))
            {
                Interlocked.Decrement(ref _count);
            }
        }
    }

    private Module Load(StackClassEngine engine, string contentHash, Func<ReadOnlyMemory<byte>> loadBytes, string name)
    {
        var path = Path.Combine(_directory, contentHash + "-" + _profileTag + ".cwasm");
        if (TryDeserialize(engine, path, name) is { } cached)
        {
            return cached;
        }

        // One compilation per artifact, whichever engine asks first; the others wait and then map the file.
        var compiling = _compiling.GetOrAdd(path, static (p, args) => new Lazy<byte[]?>(
            () => args.Self.CompileAndStore(args.Engine, p, args.LoadBytes, args.Name)), (Self: this, Engine: engine, LoadBytes: loadBytes, Name: name));
        byte[]? unstored;
        try
        {
            unstored = compiling.Value;
        }
        finally
        {
            _compiling.TryRemove(KeyValuePair.Create(path, compiling));
        }

        if (unstored is not null)
        {
            return Module.Deserialize(engine.Engine, name, unstored);
        }

        if (TryDeserialize(engine, path, name) is { } stored)
        {
            return stored;
        }

        // The artifact vanished or was rejected after being written (another host replacing it): compile here.
        Interlocked.Increment(ref _compilations);
        return Module.FromBytes(engine.Engine, name, loadBytes().Span);
    }

    private Module? TryDeserialize(StackClassEngine engine, string path, string name)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var module = Module.DeserializeFile(engine.Engine, name, path);
            Interlocked.Increment(ref _diskLoads);
            return module;
        }
        catch (WasmtimeException exception)
        {
            // Truncated, foreign or from another Wasmtime: replace it.
            _logger?.LogWarning(exception, "Discarding unusable compiled module {Path}", path);
            TryDelete(path);
            return null;
        }
    }

    /// <summary>Compiles and writes the artifact; returns the serialized bytes only when they could not be stored.</summary>
    private byte[]? CompileAndStore(StackClassEngine engine, string path, Func<ReadOnlyMemory<byte>> loadBytes, string name)
    {
        if (File.Exists(path))
        {
            // Written by the previous compiler between our miss and this lazy's creation.
            return null;
        }

        byte[] serialized;
        using (var module = Module.FromBytes(engine.Engine, name, loadBytes().Span))
        {
            Interlocked.Increment(ref _compilations);
            serialized = module.Serialize();
        }

        var temp = path + "." + Environment.ProcessId + "." + Guid.NewGuid().ToString("n") + ".tmp";
        try
        {
            Directory.CreateDirectory(_directory);
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(serialized);
                stream.Flush(flushToDisk: true);
            }

            // Rename is atomic: readers see the old file, no file or the whole new file, never a partial one.
            File.Move(temp, path, overwrite: true);
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            _logger?.LogWarning(exception, "Cannot store compiled module {Path}; it will be recompiled next run", path);
            TryDelete(temp);
            return serialized;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover temp file or an undeletable artifact is only disk clutter.
        }
    }
}
