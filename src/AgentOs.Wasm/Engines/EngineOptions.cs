namespace AgentOs.Wasm.Engines;

/// <summary>How the host process's Wasmtime engines are built; one set of options per <see cref="EngineProvider"/>.</summary>
internal sealed record EngineOptions
{
    /// <summary>
    /// Concurrent guest instances per stack-size engine in the pooling allocator; 0 selects the on-demand
    /// allocator. Each slot reserves ~4 GiB of address space (not memory) when the engine is created.
    /// </summary>
    public int PoolSlots { get; init; } = 1000;

    /// <summary>Linear-memory bytes a pool slot keeps resident after use, so the next guest skips page faults.</summary>
    public long KeepResidentBytes { get; init; } = 2L << 20;

    /// <summary>Period of the epoch ticker, which bounds how quickly a running guest notices an interrupt.</summary>
    public TimeSpan EpochTick { get; init; } = TimeSpan.FromMilliseconds(10);
}
