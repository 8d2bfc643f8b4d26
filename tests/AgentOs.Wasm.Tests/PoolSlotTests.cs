using AgentOs.Wasm.Engines;
using AgentOs.Wasm.Runtime;
using Wasmtime;

namespace AgentOs.Wasm.Tests;

public sealed class PoolSlotTests
{
    [Fact]
    public void AFullPoolRefusesNewGuestsUntilOneEnds()
    {
        using var provider = new EngineProvider(new EngineOptions { PoolSlots = 2 });
        var engine = provider.Get(1L << 20);
        var module = Module.FromText(engine.Engine, "blocking", """
            (module (import "env" "block" (func $block)) (memory 1) (func (export "_start") (call $block)))
            """);
        using var release = new ManualResetEventSlim();
        using var linker = new Linker(engine.Engine);
        var blocked = 0;
        linker.DefineFunction("env", "block", () =>
        {
            Interlocked.Increment(ref blocked);
            release.Wait();
        });
        var start = new GuestThreadStart
        {
            Name = "pooled",
            Body = g =>
            {
                using var store = g.CreateStore();
                linker.Instantiate(store, module).GetAction("_start")!();
            },
        };

        var first = GuestThread.TryStart(provider, start);
        var second = GuestThread.TryStart(provider, start);
        SpinWait.SpinUntil(() => Volatile.Read(ref blocked) == 2, TimeSpan.FromSeconds(30));

        Assert.Equal(2, Volatile.Read(ref blocked));
        Assert.Null(GuestThread.TryStart(provider, start));
        Assert.Equal(2, engine.SlotsInUse);

        release.Set();
        Assert.Equal(GuestOutcomeKind.Returned, first!.Join().Kind);
        Assert.Equal(GuestOutcomeKind.Returned, second!.Join().Kind);
        Assert.Equal(0, engine.SlotsInUse);

        var third = GuestThread.TryStart(provider, start);
        Assert.Equal(GuestOutcomeKind.Returned, third!.Join().Kind);
    }
}
