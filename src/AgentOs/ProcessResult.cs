using System.Text;

namespace AgentOs;

/// <summary>The outcome and captured output of <see cref="AgentOsVm.ExecAsync"/> or <see cref="AgentOsVm.RunAsync"/>.</summary>
public sealed class ProcessResult
{
    internal ProcessResult(int pid, ProcessExit exit, ReadOnlyMemory<byte> stdout, bool stdoutTruncated, ReadOnlyMemory<byte> stderr, bool stderrTruncated)
    {
        Pid = pid;
        ExitCode = exit.ExitCode;
        Signal = exit.Signal;
        StdoutBytes = stdout;
        StderrBytes = stderr;
        StdoutTruncated = stdoutTruncated;
        StderrTruncated = stderrTruncated;
    }

    /// <summary>The process id it ran as (0 when it never started, see <see cref="AgentOsVm.RunAsync"/>).</summary>
    public int Pid { get; }

    /// <summary>The exit code as a shell reports it: the process's code, or 128 + <see cref="Signal"/>.</summary>
    public int ExitCode { get; }

    /// <summary>The signal that ended the process, or null when it exited.</summary>
    public int? Signal { get; }

    /// <summary>Captured stdout (at most the captured-output limit).</summary>
    public ReadOnlyMemory<byte> StdoutBytes { get; }

    /// <summary>Captured stderr (at most the captured-output limit).</summary>
    public ReadOnlyMemory<byte> StderrBytes { get; }

    /// <summary>Captured stdout decoded as UTF-8.</summary>
    public string Stdout => Encoding.UTF8.GetString(StdoutBytes.Span);

    /// <summary>Captured stderr decoded as UTF-8.</summary>
    public string Stderr => Encoding.UTF8.GetString(StderrBytes.Span);

    /// <summary>Whether stdout went past the captured-output limit (the excess was read and dropped).</summary>
    public bool StdoutTruncated { get; }

    /// <summary>Whether stderr went past the captured-output limit (the excess was read and dropped).</summary>
    public bool StderrTruncated { get; }

    /// <summary>Whether <see cref="ExecOptions.Timeout"/> ran out and the run was killed.</summary>
    public bool TimedOut { get; init; }
}
