namespace AgentOs.Kernel.Processes;

/// <summary>The outcome of a wait: which child (<see cref="Pid"/> 0 = nothing ready under WNOHANG) and what happened.</summary>
public readonly record struct WaitResult(int Pid, WaitEventKind Kind, ExitStatus Status, int StopSignal)
{
    /// <summary>The POSIX wait status (waitpid_v3): exit as <see cref="ExitStatus.WaitStatus"/>, stopped
    /// <c>(sig &lt;&lt; 8) | 0x7f</c>, continued <c>0xffff</c>, nothing 0.</summary>
    public int WaitStatus => Kind switch
    {
        WaitEventKind.Exited => Status.WaitStatus,
        WaitEventKind.Stopped => (StopSignal << 8) | 0x7f,
        WaitEventKind.Continued => 0xffff,
        _ => 0,
    };
}
