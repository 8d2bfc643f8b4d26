using AgentOs.Wasm.Engines;
using Wasmtime;

namespace AgentOs.Wasm.Runtime;

/// <summary>
/// Runs a minimal guest once through the native calls of a spawn and an exit: the module from the disk cache, a
/// store with a memory limit and an epoch callback, instantiation through the ABI linker (which creates its memory
/// through <see cref="HostMemoryCreator"/>), the export lookups, the call of <c>_start</c> and its <c>proc_exit</c>,
/// which unwinds as a trap carrying the exit as the real guests' do. Wasmtime's .NET package reaches its C API
/// through P/Invoke stubs that ReadyToRun leaves to the JIT, compiled fully optimised at their first call, and a
/// process's first exception thrown through Wasmtime costs milliseconds more; a CLI rehearses on its idle core while
/// it sets up its VM, so its first guest does not wait for them.
/// </summary>
internal static class SpawnRehearsal
{
    /// <summary>The SHA-256 of <see cref="Wasm"/>, its module-cache key (a test recomputes it).</summary>
    internal const string Sha256 = "5c37d720db57550a71d2bb562cd70a4b1751f6b76b4519d3d254054b310ce21f";

    /// <summary><c>(module (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
    /// (memory (export "memory") 1) (func (export "_start") (call $exit (i32.const 0))))</c>.</summary>
    internal static ReadOnlySpan<byte> Wasm =>
    [
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x60, 0x01, 0x7f, 0x00, 0x60, 0x00, 0x00,
        0x02, 0x24, 0x01, 0x16, 0x77, 0x61, 0x73, 0x69, 0x5f, 0x73, 0x6e, 0x61, 0x70, 0x73, 0x68, 0x6f, 0x74, 0x5f,
        0x70, 0x72, 0x65, 0x76, 0x69, 0x65, 0x77, 0x31, 0x09, 0x70, 0x72, 0x6f, 0x63, 0x5f, 0x65, 0x78, 0x69, 0x74,
        0x00, 0x00, 0x03, 0x02, 0x01, 0x01, 0x05, 0x03, 0x01, 0x00, 0x01, 0x07, 0x13, 0x02, 0x06, 0x6d, 0x65, 0x6d,
        0x6f, 0x72, 0x79, 0x02, 0x00, 0x06, 0x5f, 0x73, 0x74, 0x61, 0x72, 0x74, 0x00, 0x01, 0x0a, 0x08, 0x01, 0x06,
        0x00, 0x41, 0x00, 0x10, 0x00, 0x0b,
    ];

    /// <summary>Spawns the guest on <paramref name="engine"/> on this thread, as <see cref="GuestThread"/> and the
    /// executor would, through <paramref name="linker"/> (which must define <c>proc_exit</c>); false when the
    /// engine's instance pool had no free slot.</summary>
    /// <exception cref="WasmtimeException">The guest did not end by exiting with status 0.</exception>
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
            try
            {
                start();
            }
            catch (WasmtimeException exception) when (GuestOutcome.FromException(exception, engine.MaxWasmStackBytes) is { Kind: GuestOutcomeKind.Exited, ExitCode: 0 })
            {
                return true;
            }

            throw new WasmtimeException("The rehearsal guest returned without exiting.");
        }
        finally
        {
            engine.ReleaseSlot();
        }
    }
}
