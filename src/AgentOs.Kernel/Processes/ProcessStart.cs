namespace AgentOs.Kernel.Processes;

/// <summary>
/// What a new process starts with (the decoded <c>proc_spawn_v3</c> attributes, or a host launch). Unset values
/// are inherited from the parent; a process without a parent must name its <see cref="Credentials"/>.
/// </summary>
public sealed record ProcessStart(string Command)
{
    /// <summary>argv, argv[0] first.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>The complete environment as <c>K=V</c> entries.</summary>
    public IReadOnlyList<string> Environment { get; init; } = [];

    /// <summary>Absolute working directory; null = the parent's, or <c>/</c>.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>File mode creation mask; null = the parent's, or 022.</summary>
    public uint? Umask { get; init; }

    /// <summary>Identity; null = the parent's.</summary>
    public Credentials? Credentials { get; init; }

    /// <summary>Group and session placement (ignored without a parent: such a process leads its own session).</summary>
    public ProcessGroupMode GroupMode { get; init; }

    /// <summary>The group to join with <see cref="ProcessGroupMode.JoinGroup"/>.</summary>
    public int Pgid { get; init; }

    /// <summary>Initial blocked mask (SETSIGMASK); null = the parent's. SIGKILL/SIGSTOP are dropped.</summary>
    public ulong? BlockedSignals { get; init; }

    /// <summary>Signals ignored in addition to those inherited from the parent (e.g. SIGHUP for nohup).</summary>
    public ulong IgnoredSignals { get; init; }

    /// <summary>Signals reset to SIG_DFL (SETSIGDEF); they are removed from the inherited ignored set.</summary>
    public ulong ResetToDefault { get; init; }
}
