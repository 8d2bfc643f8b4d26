using AgentOs.Wasm.Engines;
using Wasmtime;

namespace AgentOs.Wasm.Runtime;

/// <summary>
/// Runs an empty guest once through the native calls of a spawn: the module from the disk cache, a store with a
/// memory limit and an epoch callback, instantiation through the ABI linker (which creates its memory through
/// <see cref="HostMemoryCreator"/>), the export lookups and the call of <c>_start</c>. Wasmtime's .NET package
/// reaches its C API through P/Invoke stubs that ReadyToRun leaves to the JIT, compiled fully optimised at their
/// first call; a CLI rehearses on its idle core while it sets up its VM, so its first guest does not wait for them.
/// </summary>
internal static class SpawnRehearsal
{
    /// <summary>The SHA-256 of <see cref="Wasm"/>, its module-cache key (a test recomputes it).</summary>
    internal const string Sha256 = "87799c1b578e1ef444797b90bd09efe88f1af0b1810d578f9ccf03df9b1de499";

    /// <summary><c>(module (memory (export "memory") 1) (func (export "_start")))</c>.</summary>
    internal static ReadOnlySpan<byte> Wasm =>
    [
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00,
        0x05, 0x03, 0x01, 0x00, 0x01, 0x07, 0x13, 0x02, 0x06, 0x6d, 0x65, 0x6d, 0x6f, 0x72, 0x79, 0x02, 0x00, 0x06,
        0x5f, 0x73, 0x74, 0x61, 0x72, 0x74, 0x00, 0x00, 0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b,
    ];

    /// <summary>Spawns the empty guest on <paramref name="engine"/> on this thread, as <see cref="GuestThread"/>
    /// and the executor would; false when the engine's instance pool had no free slot.</summary>
    public static bool Run(ModuleCache modules, StackClassEngine engine, Linker linker)
    {
        if (!engine.TryAcquireSlot())
        {
            return false;
        }

        try
        {
            var module = modules.GetOrLoad(engine, Sha256, static () => Wasm.ToArray(), "rehearsal");
            using var store = new Store(engine.Engine, null);
            store.SetLimits(memorySize: 1 << 16);
            store.SetEpochDeadlineCallback(static _ => 1);
            store.SetEpochDeadline(1);
            var instance = linker.Instantiate(store, module);
            _ = instance.GetMemory("memory") ?? throw new WasmtimeException("The rehearsal module exports no memory.");
            var start = instance.GetAction("_start") ?? throw new WasmtimeException("The rehearsal module exports no _start.");
            start();
            return true;
        }
        finally
        {
            engine.ReleaseSlot();
        }
    }
}
