namespace AgentOs.Wasm.Runtime;

/// <summary>
/// The exit sentinel: a host function throws it to end the guest with <see cref="Code"/> (<c>proc_exit</c>, or a
/// kill noticed inside a kernel wait). Wasmtime unwinds the wasm frames and hands it back as the inner exception.
/// </summary>
internal sealed class GuestExitException(int code) : Exception("guest exited with status " + code)
{
    /// <summary>The exit status the guest asked for.</summary>
    public int Code { get; } = code;
}
