namespace AgentOs.Wasm.Engines;

/// <summary>How the host process's Wasmtime engines are built; one set of options per <see cref="EngineProvider"/>.</summary>
internal sealed record EngineOptions
{
    /// <summary>
    /// Concurrent guest instances per stack-size engine, all VMs of the host process together (past it a spawn is
    /// EAGAIN); 0 for no cap. Each running guest reserves ~4 GiB of address space (not memory) for its linear memory
    /// and has its own thread, so the cap keeps a host well inside its 128 TiB of address space and its thread limit.
    /// </summary>
    public int PoolSlots { get; init; } = 8192;

    /// <summary>Period of the epoch ticker, which bounds how quickly a running guest notices an interrupt.</summary>
    public TimeSpan EpochTick { get; init; } = TimeSpan.FromMilliseconds(10);
}
