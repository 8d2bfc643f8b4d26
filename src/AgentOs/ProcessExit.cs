namespace AgentOs;

/// <summary>How a process ended.</summary>
/// <param name="ExitCode">The exit code as a shell reports it: the process's code, or 128 + the signal that ended it.</param>
/// <param name="Signal">The signal that ended the process, or null when it exited.</param>
public readonly record struct ProcessExit(int ExitCode, int? Signal);
