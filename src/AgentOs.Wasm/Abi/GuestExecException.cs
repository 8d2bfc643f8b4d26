using AgentOs.Kernel.Exec;

namespace AgentOs.Wasm.Abi;

/// <summary>Thrown by a successful proc_exec to unwind the old instance; the executor then runs <see cref="Image"/>.</summary>
internal sealed class GuestExecException(ExecImage image) : Exception("exec")
{
    public ExecImage Image { get; } = image;
}
