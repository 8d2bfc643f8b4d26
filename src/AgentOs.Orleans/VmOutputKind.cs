namespace AgentOs.Orleans;

/// <summary>What a <see cref="VmOutputChunk"/> carries.</summary>
public enum VmOutputKind
{
    /// <summary>Bytes written to stdout.</summary>
    Stdout,

    /// <summary>Bytes written to stderr.</summary>
    Stderr,

    /// <summary>The command ended; <see cref="VmOutputChunk.ExitCode"/> holds its status.</summary>
    Exit,
}
