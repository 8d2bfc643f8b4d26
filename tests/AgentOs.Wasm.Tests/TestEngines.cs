using AgentOs.Wasm.Engines;

namespace AgentOs.Wasm.Tests;

/// <summary>
/// One provider for the test run: each engine's pool reserves address space per slot, so tests share engines
/// instead of building their own.
/// </summary>
internal static class TestEngines
{
    public static EngineProvider Provider { get; } = new(new EngineOptions { PoolSlots = 64 });
}
