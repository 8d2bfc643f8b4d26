namespace AgentOs.Cli;

/// <summary>Exit codes of the CLI itself; a guest's own status passes through unchanged.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The CLI failed at run time (software download, VM creation, I/O).</summary>
    public const int Failure = 1;

    /// <summary>Bad command line, option value or limits file (like getopt tools and bash builtins).</summary>
    public const int Usage = 2;

    /// <summary>The run outlived <c>--timeout</c> and was killed, as GNU <c>timeout</c> reports it.</summary>
    public const int TimedOut = 124;

    /// <summary>The program to run does not exist, as a shell reports it.</summary>
    public const int NotFound = 127;

    /// <summary>Interrupted before the guest could report a status (128 + SIGINT).</summary>
    public const int Interrupted = 130;
}
