namespace AgentOs.Wasm.Abi;

/// <summary>
/// Unwinds a guest out of Wasmtime: proc_exit (<see cref="Code"/> set) or the process was killed while in a host
/// call (<see cref="Code"/> null; the kernel already recorded the terminating signal).
/// </summary>
internal sealed class GuestExitException(int? code) : Exception(code is { } c ? $"exit {c}" : "terminated")
{
    public int? Code { get; } = code;
}
