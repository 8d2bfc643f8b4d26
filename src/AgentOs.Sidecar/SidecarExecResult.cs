namespace AgentOs.Sidecar;

/// <summary>The result of <c>process.exec</c>.</summary>
/// <param name="Pid">The process id it ran as (0 when it never started).</param>
/// <param name="ExitCode">As a shell reports it.</param>
/// <param name="Signal">The signal that ended it, or null.</param>
/// <param name="Stdout">Captured stdout (base64 on the wire).</param>
/// <param name="Stderr">Captured stderr (base64 on the wire).</param>
/// <param name="StdoutTruncated">Stdout went past the captured-output limit.</param>
/// <param name="StderrTruncated">Stderr went past the captured-output limit.</param>
/// <param name="TimedOut">The request's <c>timeoutMs</c> ran out and the command's processes were killed.</param>
public sealed record SidecarExecResult(int Pid, int ExitCode, int? Signal, byte[] Stdout, byte[] Stderr, bool StdoutTruncated, bool StderrTruncated, bool TimedOut = false);
