using Microsoft.Extensions.Logging;

namespace AgentOs.Wasm.Runtime;

/// <summary>What a guest process's thread runs and under which budgets.</summary>
internal sealed record GuestThreadStart
{
    /// <summary>Thread name, for debuggers and logs (e.g. <c>vm1:pid7:sh</c>).</summary>
    public required string Name { get; init; }

    /// <summary>
    /// Runs the guest on its own thread: create Stores through <see cref="GuestThread.CreateStore"/>, instantiate,
    /// call the entry. Whatever it throws becomes the <see cref="GuestOutcome"/>.
    /// </summary>
    public required Action<GuestThread> Body { get; init; }

    /// <summary>The VM's <c>maxWasmStackBytes</c>; the engine class is this rounded up to a power of two.</summary>
    public long MaxWasmStackBytes { get; init; } = 1L << 20;

    /// <summary>The VM's <c>maxWasmMemoryBytes</c>, applied to every Store of the guest.</summary>
    public long MaxWasmMemoryBytes { get; init; } = 128L << 20;

    /// <summary>The VM's <c>vm_memory_bytes</c> gauge every linear memory of the guest is charged to; null: none.</summary>
    public AgentOs.Kernel.Limits.LimitGauge? MemoryBudget { get; init; }

    /// <summary>The process's kill token: once cancelled, running wasm stops at the next epoch tick.</summary>
    public CancellationToken Kill { get; init; }

    /// <summary>
    /// Charges the CPU time (ns) the guest thread used since the last charge; called on the guest thread at every
    /// epoch tick while wasm runs (may park the thread: the VM's CPU share) and once at the end (must not park,
    /// second argument false).
    /// </summary>
    public Action<long, bool>? ChargeCpu { get; init; }

    /// <summary>The VM's run slots (its virtual CPUs) the guest takes turns on while it runs code; null: none.</summary>
    public AgentOs.Kernel.Sched.RunSlots? Slots { get; init; }

    /// <summary>Called on the guest thread once the run has ended and its Stores are disposed.</summary>
    public Action<GuestOutcome>? OnExit { get; init; }

    /// <summary>Receives host failures (an unexpected exception in host code) as errors.</summary>
    public ILogger? Logger { get; init; }
}
