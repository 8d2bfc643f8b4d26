
namespace AgentOs.Orleans;

/// <summary>One piece of a streamed command: output on stdout or stderr, or (last) the exit status.</summary>
[GenerateSerializer]
[Alias("AgentOs.Orleans.VmOutputChunk")]
public sealed class VmOutputChunk
{
    /// <summary>Which stream the data came from.</summary>
    [Id(0)] public VmOutputKind Kind { get; set; }

    /// <summary>The bytes written (empty for <see cref="VmOutputKind.Exit"/>).</summary>
    [Id(1)] public byte[] Data { get; set; } = [];

    /// <summary>The exit status, for <see cref="VmOutputKind.Exit"/>.</summary>
    [Id(2)] public int ExitCode { get; set; }
}
