using AgentOs.Kernel;

namespace AgentOs;

/// <summary>
/// The kernel refused to start a process (no such program, not executable, a limit reached…). No process exists.
/// When a limit refused it, <see cref="LimitConfigPath"/> names the limit.
/// </summary>
public sealed class AgentOsSpawnException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AgentOsSpawnException(Errno errno, string program, string message, string? limitConfigPath = null)
        : base(message)
    {
        Errno = errno;
        Program = program;
        LimitConfigPath = limitConfigPath;
        HResult = -(int)errno;
    }

    /// <summary>The kernel's answer, e.g. <see cref="Errno.ENOENT"/> for a missing program.</summary>
    public Errno Errno { get; }

    /// <summary>The program that was to be started.</summary>
    public string Program { get; }

    /// <summary>For a limit failure, the configuration path that raises it, e.g. <c>limits.resources.maxProcesses</c>.</summary>
    public string? LimitConfigPath { get; }

    /// <summary>The exit code a shell reports for this failure: 127 (not found), 126 (not executable), else 1.</summary>
    public int ShellExitCode => Errno switch
    {
        Errno.ENOENT or Errno.ENOTDIR => 127,
        Errno.EACCES or Errno.ENOEXEC or Errno.EISDIR => 126,
        _ => 1,
    };
}
