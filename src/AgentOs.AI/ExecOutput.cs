namespace AgentOs.AI;

/// <summary>An exec's outcome as the model sees it (camelCase JSON).</summary>
internal sealed record ExecOutput(int ExitCode, string Stdout, string Stderr, bool TimedOut, bool Truncated);
