using AgentOs.Kernel.Processes;

namespace AgentOs.Integration.Tests;

internal sealed record RunResult(ExitStatus Status, string Stdout, string Stderr)
{
    /// <summary>The shell's view: the exit code, or 128 + the signal.</summary>
    public int Code => Status.Signal != 0 ? 128 + Status.Signal : Status.Code;

    public override string ToString() => $"exit {Code}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
