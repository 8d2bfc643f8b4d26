namespace AgentOs.Cli;

/// <summary>Whether the CLI's stdin is forwarded to the guest.</summary>
internal enum GuestStdin
{
    /// <summary>Forward stdin when it is a file or pipe; a terminal is not read (the guest sees EOF).</summary>
    IfRedirected,

    /// <summary>Always forward stdin (interactive shell).</summary>
    Always,
}
