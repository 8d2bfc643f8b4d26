namespace AgentOs.Kernel.Processes;

/// <summary>
/// How a process ended: a normal exit with <see cref="Code"/> (when <see cref="Signal"/> is 0) or death by
/// <see cref="Signal"/>. The two are kept apart so that <c>exit(137)</c> is not mistaken for SIGKILL
/// (<c>proc_waitpid_v2</c> reports them separately).
/// </summary>
public readonly record struct ExitStatus(int Code, int Signal, bool CoreDumped)
{
    /// <summary>A normal exit; like exit(2), only the low 8 bits of <paramref name="code"/> are kept.</summary>
    public static ExitStatus Exited(int code) => new(code & 0xff, 0, false);

    /// <summary>Death by <paramref name="signal"/>, with the core flag of its default action.</summary>
    public static ExitStatus Killed(int signal) => new(0, signal, Signals.DumpsCore(signal));

    /// <summary>Whether a signal ended the process.</summary>
    public bool IsSignaled => Signal != 0;

    /// <summary>The POSIX wait status: <c>code &lt;&lt; 8</c>, or <c>sig | 0x80</c> when a core was dumped.</summary>
    public int WaitStatus => Signal != 0 ? (Signal & 0x7f) | (CoreDumped ? 0x80 : 0) : (Code & 0xff) << 8;

    /// <summary>What a shell shows in <c>$?</c>: the code, or 128 + signal.</summary>
    public int ShellStatus => Signal != 0 ? 128 + Signal : Code;
}
