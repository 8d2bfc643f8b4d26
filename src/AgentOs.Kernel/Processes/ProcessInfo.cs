namespace AgentOs.Kernel.Processes;

/// <summary>A point-in-time view of one table entry, for <c>ps</c>, <c>process.list</c> and tree views.</summary>
public sealed record ProcessInfo(
    int Pid,
    int ParentPid,
    int Pgid,
    int Sid,
    ProcessState State,
    string Command,
    IReadOnlyList<string> Arguments,
    uint Uid,
    DateTimeOffset StartTime,
    DateTimeOffset? ExitTime,
    ExitStatus? ExitStatus)
{
    /// <summary>CPU time the process has used so far (<c>ps</c> TIME).</summary>
    public TimeSpan CpuTime { get; init; }
}
