using AgentOs.Wasm.Abi;
using AgentOs.Wasm.Engines;
using AgentOs.Wasm.Runtime;

namespace AgentOs.Wasm.Tests;

public sealed class SpawnRehearsalTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "agentos-rehearsal-" + Guid.NewGuid().ToString("n"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void TheModuleKeyIsTheModulesHash() =>
        Assert.Equal(SpawnRehearsal.Sha256, ModuleCache.Hash(SpawnRehearsal.Wasm));

    [Fact]
    public void RehearsalRunsTheGuestToItsExitAndLaterProcessesMapItFromTheDiskCache()
    {
        var engine = TestEngines.Provider.Get(1L << 20);
        using var linker = AbiLinker.Create(engine.Engine);
        var first = new ModuleCache(_directory);

        Assert.True(SpawnRehearsal.Run(first, engine, linker));
        Assert.Equal(1, first.Compilations);
        Assert.Single(Directory.GetFiles(_directory, SpawnRehearsal.Sha256 + "-*.cwasm"));

        var next = new ModuleCache(_directory);
        Assert.True(SpawnRehearsal.Run(next, engine, linker));
        Assert.Equal(0, next.Compilations);
        Assert.Equal(1, next.DiskLoads);
    }

    [Fact]
    public void ALinkerWithoutProcExitFailsTheRehearsalAndReleasesTheSlot()
    {
        using var provider = new EngineProvider(new EngineOptions { PoolSlots = 1 });
        var engine = provider.Get(1L << 20);
        using var linker = new Wasmtime.Linker(engine.Engine);

        Assert.Throws<Wasmtime.WasmtimeException>(() => SpawnRehearsal.Run(new ModuleCache(_directory), engine, linker));
        Assert.Equal(0, engine.SlotsInUse);
    }

    [Fact]
    public void AFullInstancePoolSkipsTheRehearsalAndKeepsItsSlots()
    {
        using var provider = new EngineProvider(new EngineOptions { PoolSlots = 1 });
        var engine = provider.Get(1L << 20);
        using var linker = AbiLinker.Create(engine.Engine);
        Assert.True(engine.TryAcquireSlot());

        Assert.False(SpawnRehearsal.Run(new ModuleCache(_directory), engine, linker));
        Assert.Equal(1, engine.SlotsInUse);

        engine.ReleaseSlot();
        Assert.True(SpawnRehearsal.Run(new ModuleCache(_directory), engine, linker));
        Assert.Equal(0, engine.SlotsInUse);
    }
}
