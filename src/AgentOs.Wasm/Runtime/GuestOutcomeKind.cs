namespace AgentOs.Wasm.Runtime;

/// <summary>How a guest run ended.</summary>
internal enum GuestOutcomeKind
{
    /// <summary>The entry function returned (exit status 0).</summary>
    Returned,

    /// <summary>The guest called <c>proc_exit</c> or a host function threw the exit sentinel.</summary>
    Exited,

    /// <summary>A WebAssembly trap (stack overflow, unreachable, out-of-bounds access…).</summary>
    Trapped,

    /// <summary>The host interrupted the guest (kill, shutdown) while it ran wasm code.</summary>
    Interrupted,

    /// <summary>Wasmtime refused to start it: link or instantiation error (e.g. initial memory above the cap).</summary>
    StartFailed,

    /// <summary>A host-side bug: an unexpected .NET exception in host code. Logged as an error.</summary>
    HostFailure,
}
