using AgentOs.Wasm.Runtime;
using Wasmtime;

namespace AgentOs.Wasm.Tests;

public sealed class ModuleCacheTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "agentos-modcache-" + Guid.NewGuid().ToString("n"));

    private static readonly byte[] Wasm = Module.ConvertText("""
        (module (func (export "_start")) (func (export "answer") (result i32) (i32.const 42)))
        """);

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void FirstLoadCompilesAndStoresAnArtifact()
    {
        var cache = new ModuleCache(_directory);

        var module = cache.GetOrLoad(TestEngines.Provider.Get(1L << 20), Wasm);

        Assert.Equal(1, cache.Compilations);
        Assert.Single(Directory.GetFiles(_directory, "*.cwasm"));
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp"));
        Assert.Contains(module.Exports, e => e.Name == "answer");
    }

    [Fact]
    public void SameCacheReturnsTheSameModuleWithoutReloading()
    {
        var cache = new ModuleCache(_directory);
        var engine = TestEngines.Provider.Get(1L << 20);

        var first = cache.GetOrLoad(engine, Wasm);
        var loadsAfterFirst = cache.DiskLoads;
        var second = cache.GetOrLoad(engine, Wasm);

        Assert.Same(first, second);
        Assert.Equal(loadsAfterFirst, cache.DiskLoads);
        Assert.Equal(1, cache.Compilations);
    }

    [Fact]
    public void WarmLoadDeserializesFromDiskWithoutCompiling()
    {
        new ModuleCache(_directory).GetOrLoad(TestEngines.Provider.Get(1L << 20), Wasm);
        var warm = new ModuleCache(_directory);

        var loaded = warm.GetOrLoad(TestEngines.Provider.Get(1L << 20), ModuleCache.Hash(Wasm), () => throw new InvalidOperationException("bytes not needed"));

        Assert.Equal(0, warm.Compilations);
        Assert.Equal(1, warm.DiskLoads);
        Assert.Equal(42, Run(loaded, TestEngines.Provider.Get(1L << 20).Engine));
    }

    [Fact]
    public void AnArtifactLoadsIntoEveryStackClassEngine()
    {
        new ModuleCache(_directory).GetOrLoad(TestEngines.Provider.Get(64L << 10), Wasm);
        var warm = new ModuleCache(_directory);

        foreach (var stack in new[] { 64L << 10, 1L << 20, 4L << 20, 16L << 20 })
        {
            var engine = TestEngines.Provider.Get(stack);
            Assert.Equal(42, Run(warm.GetOrLoad(engine, Wasm), engine.Engine));
        }

        Assert.Equal(0, warm.Compilations);
        Assert.Equal(4, warm.DiskLoads);
    }

    [Fact]
    public void ConcurrentFirstLoadsCompileOnce()
    {
        var cache = new ModuleCache(_directory);
        using var go = new ManualResetEventSlim();
        var stacks = new[] { 1L << 20, 1L << 20, 1L << 20, 1L << 20, 4L << 20, 4L << 20, 64L << 10, 64L << 10 };
        var threads = stacks.Select(stack => new Thread(() =>
        {
            go.Wait();
            var engine = TestEngines.Provider.Get(stack);
            Assert.Equal(42, Run(cache.GetOrLoad(engine, Wasm), engine.Engine));
        })).ToList();
        threads.ForEach(t => t.Start());

        go.Set();
        threads.ForEach(t => t.Join());

        Assert.Equal(1, cache.Compilations);
    }

    [Fact]
    public void ACorruptArtifactIsReplaced()
    {
        new ModuleCache(_directory).GetOrLoad(TestEngines.Provider.Get(1L << 20), Wasm);
        var artifact = Assert.Single(Directory.GetFiles(_directory, "*.cwasm"));
        var good = File.ReadAllBytes(artifact);
        // A new inode, as a foreign writer replacing the file would make: truncating the mapped file in place would
        // SIGBUS the modules still mapped from it (a hazard of DeserializeFile; the cache itself only renames).
        File.Delete(artifact);
        File.WriteAllBytes(artifact, good.AsSpan(0, good.Length / 2).ToArray());

        var repairing = new ModuleCache(_directory);
        var engine = TestEngines.Provider.Get(1L << 20);
        Assert.Equal(42, Run(repairing.GetOrLoad(engine, Wasm), engine.Engine));
        Assert.Equal(1, repairing.Compilations);

        var warm = new ModuleCache(_directory);
        warm.GetOrLoad(engine, Wasm);
        Assert.Equal(0, warm.Compilations);
        Assert.Equal(1, warm.DiskLoads);
    }

    [Fact]
    public void AnUnwritableDirectoryStillYieldsAModule()
    {
        // A regular file where the directory should be: every write fails.
        File.WriteAllText(_directory, "not a directory");
        try
        {
            var cache = new ModuleCache(_directory);
            var engine = TestEngines.Provider.Get(1L << 20);

            Assert.Equal(42, Run(cache.GetOrLoad(engine, Wasm), engine.Engine));
            Assert.Equal(1, cache.Compilations);
        }
        finally
        {
            File.Delete(_directory);
        }
    }

    [Fact]
    public void ContentHashMustBeALowercaseSha256()
    {
        var cache = new ModuleCache(_directory);

        Assert.Throws<ArgumentException>(() => cache.GetOrLoad(TestEngines.Provider.Get(1L << 20), "../../etc/passwd", () => Wasm));
    }

    [Fact]
    public void PackageFilesGetDistinctModuleKeysFromTheirPackageAndPath()
    {
        var package = new string('a', 64);
        string?[] keys =
        [
            WasmRuntime.PackageFileHash(package + ":/bin/sh"),
            WasmRuntime.PackageFileHash(package + ":/bin/ls"),
            WasmRuntime.PackageFileHash(new string('b', 64) + ":/bin/sh"),
        ];

        Assert.All(keys, key => Assert.Matches("^[0-9a-f]{64}$", key));
        Assert.Equal(3, keys.Distinct().Count());
        Assert.Equal(keys[0], WasmRuntime.PackageFileHash(package + ":/bin/sh"));

        // Anything else is hashed whole (SHA-256), never cut.
        Assert.Null(WasmRuntime.PackageFileHash(new string('A', 64) + ":/bin/sh"));
        Assert.Null(WasmRuntime.PackageFileHash(package));
    }

    private static int Run(Module module, Engine engine)
    {
        using var store = new Store(engine);
        store.SetEpochDeadline(1_000_000);
        return new Instance(store, module).GetFunction<int>("answer")!();
    }
}
