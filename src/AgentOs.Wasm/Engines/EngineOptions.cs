namespace AgentOs.Wasm.Engines;

/// <summary>How the host process's Wasmtime engines are built; one set of options per <see cref="EngineProvider"/>.</summary>
internal sealed record EngineOptions
{
    /// <summary>
    /// Concurrent guest instances per stack-size engine (past it a spawn is EAGAIN); 0 for no cap. Each running
    /// guest reserves ~4 GiB of address space (not memory) for its linear memory.
    /// </summary>
    public int PoolSlots { get; init; } = 1000;

    /// <summary>Period of the epoch ticker, which bounds how quickly a running guest notices an interrupt.</summary>
    public TimeSpan EpochTick { get; init; } = TimeSpan.FromMilliseconds(10);
}
