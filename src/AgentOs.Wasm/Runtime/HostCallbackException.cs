namespace AgentOs.Wasm.Runtime;

/// <summary>
/// An unexpected .NET exception in a host function, re-thrown as a trap that ends only the calling guest. Its message
/// is built from type names only, so creating the trap cannot itself fail (Wasmtime fail-fasts the host if the
/// trap message cannot be produced).
/// </summary>
internal sealed class HostCallbackException(string function, Exception inner)
    : Exception("host function " + function + " failed: " + inner.GetType().FullName, inner)
{
    /// <summary>The import that failed, e.g. <c>host_process.proc_spawn_v3</c>.</summary>
    public string Function { get; } = function;
}
