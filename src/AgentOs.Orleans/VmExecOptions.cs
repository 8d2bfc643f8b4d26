
namespace AgentOs.Orleans;

/// <summary>Options of one command run in a VM grain.</summary>
[GenerateSerializer]
[Alias("AgentOs.Orleans.VmExecOptions")]
public sealed class VmExecOptions
{
    /// <summary>Working directory; null: the VM's.</summary>
    [Id(0)] public string? Cwd { get; set; }

    /// <summary>Text written to the command's stdin (then closed); null: empty stdin.</summary>
    [Id(1)] public string? Stdin { get; set; }

    /// <summary>Kills the command's process group when it expires; null: no timeout.</summary>
    [Id(2)] public TimeSpan? Timeout { get; set; }

    /// <summary>With <see cref="IVmGrain.ExecAsync"/>: the most bytes kept of stdout and of stderr each (the rest is
    /// dropped and <see cref="VmExecResult.StdoutTruncated"/> or <see cref="VmExecResult.StderrTruncated"/> set);
    /// null: the VM's <c>maxCapturedOutputBytes</c>.</summary>
    [Id(3)] public int? MaxOutputBytes { get; set; }
}
