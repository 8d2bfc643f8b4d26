namespace AgentOs.Kernel.Processes;

/// <summary>
/// Linux signal numbers (signal(7)) and signal-set helpers. Sets are 64-bit bitmaps with bit n−1 = signal n, as in
/// the guest ABI (<c>lo</c> = signals 1–32, <c>hi</c> = 33–64).
/// </summary>
public static class Signals
{
    public const int SIGHUP = 1;
    public const int SIGINT = 2;
    public const int SIGQUIT = 3;
    public const int SIGILL = 4;
    public const int SIGTRAP = 5;
    public const int SIGABRT = 6;
    public const int SIGBUS = 7;
    public const int SIGFPE = 8;
    public const int SIGKILL = 9;
    public const int SIGUSR1 = 10;
    public const int SIGSEGV = 11;
    public const int SIGUSR2 = 12;
    public const int SIGPIPE = 13;
    public const int SIGALRM = 14;
    public const int SIGTERM = 15;
    public const int SIGCHLD = 17;
    public const int SIGCONT = 18;
    public const int SIGSTOP = 19;
    public const int SIGTSTP = 20;
    public const int SIGTTIN = 21;
    public const int SIGTTOU = 22;
    public const int SIGURG = 23;
    public const int SIGXCPU = 24;
    public const int SIGXFSZ = 25;
    public const int SIGWINCH = 28;
    public const int SIGSYS = 31;

    /// <summary>The highest signal number (SIGRTMAX).</summary>
    public const int MaxSignal = 64;

    /// <summary>Signals that can be neither blocked nor ignored.</summary>
    public static readonly ulong Unblockable = Bit(SIGKILL) | Bit(SIGSTOP);

    /// <summary>The four stop signals.</summary>
    internal static readonly ulong StopSet = Bit(SIGSTOP) | Bit(SIGTSTP) | Bit(SIGTTIN) | Bit(SIGTTOU);

    private static readonly ulong CoreSignals =
        Bit(SIGQUIT) | Bit(SIGILL) | Bit(SIGTRAP) | Bit(SIGABRT) | Bit(SIGBUS) | Bit(SIGFPE) | Bit(SIGSEGV) |
        Bit(SIGXCPU) | Bit(SIGXFSZ) | Bit(SIGSYS);

    /// <summary>The set bit of <paramref name="signal"/> (1..64).</summary>
    public static ulong Bit(int signal)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(signal, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(signal, MaxSignal);
        return 1UL << (signal - 1);
    }

    /// <summary>Whether the signal's default action dumps core (reported as the core-dump flag of the exit).</summary>
    public static bool DumpsCore(int signal) => signal is >= 1 and <= MaxSignal && (CoreSignals & Bit(signal)) != 0;

    /// <summary>Whether <paramref name="signal"/> is one of the four stop signals.</summary>
    public static bool IsStop(int signal) => signal is >= 1 and <= MaxSignal && (StopSet & Bit(signal)) != 0;

    /// <summary>The default action (signal(7)); real-time signals terminate.</summary>
    internal static SignalAction DefaultAction(int signal) => signal switch
    {
        SIGCHLD or SIGURG or SIGWINCH => SignalAction.Ignore,
        SIGCONT => SignalAction.Continue,
        SIGSTOP or SIGTSTP or SIGTTIN or SIGTTOU => SignalAction.Stop,
        _ => SignalAction.Terminate,
    };
}
