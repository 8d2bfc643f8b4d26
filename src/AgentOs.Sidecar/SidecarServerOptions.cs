namespace AgentOs.Sidecar;

/// <summary>Settings of one sidecar session (the <c>agentos sidecar</c> flags).</summary>
internal sealed record SidecarServerOptions
{
    public const int DefaultStdoutQueueFrames = 256;

    public const int DefaultMaxFrameBytes = 16 << 20;

    /// <summary>Frames waiting for stdout (<c>sidecar.stdoutQueueFrames</c>); producers wait when it is full.</summary>
    public int StdoutQueueFrames { get; init; } = DefaultStdoutQueueFrames;

    /// <summary>Largest request line accepted (<c>sidecar.maxFrameBytes</c>); a longer one is skipped with an error.</summary>
    public int MaxFrameBytes { get; init; } = DefaultMaxFrameBytes;

    /// <summary>Totals every VM of the session shares (<c>host.*</c>); null: none.</summary>
    public AgentOsHost? Host { get; init; }

    /// <summary>Package cache of every VM created (null: <c>$AGENTOS_CACHE_DIR</c>, else the default).</summary>
    public string? CacheDirectory { get; init; }
}
