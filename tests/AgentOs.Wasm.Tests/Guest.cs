using AgentOs.Wasm.Runtime;
using Microsoft.Extensions.Logging;
using Wasmtime;

namespace AgentOs.Wasm.Tests;

/// <summary>Runs an inline WAT guest's <c>_start</c> on a <see cref="GuestThread"/>.</summary>
internal static class Guest
{
    public static GuestThread Start(
        string wat,
        long stackBytes = 1L << 20,
        Action<Linker>? define = null,
        long memoryBytes = 128L << 20,
        ILogger? logger = null,
        CancellationToken kill = default)
    {
        var engine = TestEngines.Provider.Get(stackBytes);
        var module = Module.FromText(engine.Engine, "test", wat);
        var linker = new Linker(engine.Engine);
        define?.Invoke(linker);
        var start = new GuestThreadStart
        {
            Name = "test-guest",
            MaxWasmStackBytes = stackBytes,
            MaxWasmMemoryBytes = memoryBytes,
            Kill = kill,
            Logger = logger,
            Body = guest =>
            {
                using var store = guest.CreateStore();
                var instance = linker.Instantiate(store, module);
                instance.GetAction("_start")!();
            },
        };
        return GuestThread.TryStart(TestEngines.Provider, start) ?? throw new InvalidOperationException("pool full");
    }

    public static GuestOutcome Run(string wat, long stackBytes = 1L << 20, Action<Linker>? define = null, long memoryBytes = 128L << 20, ILogger? logger = null) =>
        Start(wat, stackBytes, define, memoryBytes, logger: logger).Join(TimeSpan.FromSeconds(60)) ?? throw new TimeoutException("guest still running");

    /// <summary>A guest recursing <paramref name="depth"/> frames (32 bytes of wasm stack each on x64 with epoch checks).</summary>
    public static string Recursion(int depth) => $$"""
        (module
          (func $f (param i32) (result i32)
            (if (result i32) (i32.eqz (local.get 0))
              (then (i32.const 0))
              (else (i32.add (call $f (i32.sub (local.get 0) (i32.const 1))) (i32.const 1)))))
          (func (export "_start") (drop (call $f (i32.const {{depth}})))))
        """;
}
