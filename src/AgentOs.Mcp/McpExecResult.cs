namespace AgentOs.Mcp;

/// <summary>What <see cref="IMcpSessionVm.ExecAsync"/> reports of one command.</summary>
/// <param name="ExitCode">The shell's exit status; 128+N when signal N ended it.</param>
/// <param name="Stdout">Standard output (UTF-8), at most the capture cap.</param>
/// <param name="StdoutTruncated">Whether stdout went past the cap (the rest was dropped).</param>
/// <param name="Stderr">Standard error (UTF-8), at most the capture cap.</param>
/// <param name="StderrTruncated">Whether stderr went past the cap.</param>
/// <param name="TimedOut">Whether the timeout ran out and the command was killed.</param>
public sealed record McpExecResult(int ExitCode, string Stdout, bool StdoutTruncated, string Stderr, bool StderrTruncated, bool TimedOut);
