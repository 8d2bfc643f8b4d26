
namespace AgentOs.Orleans;

/// <summary>The outcome of a command run in a VM grain.</summary>
[GenerateSerializer]
[Alias("AgentOs.Orleans.VmExecResult")]
public sealed class VmExecResult
{
    /// <summary>Exit status (128+N when killed by signal N).</summary>
    [Id(0)] public int ExitCode { get; set; }

    /// <summary>Captured stdout.</summary>
    [Id(1)] public byte[] Stdout { get; set; } = [];

    /// <summary>Captured stderr.</summary>
    [Id(2)] public byte[] Stderr { get; set; } = [];

    /// <summary>The timeout expired and the command was killed.</summary>
    [Id(3)] public bool TimedOut { get; set; }

    /// <summary>Stdout or stderr went past the capture limit and was cut.</summary>
    [Id(4)] public bool Truncated { get; set; }

    /// <summary>Stdout went past the capture limit and was cut.</summary>
    [Id(5)] public bool StdoutTruncated { get; set; }

    /// <summary>Stderr went past the capture limit and was cut.</summary>
    [Id(6)] public bool StderrTruncated { get; set; }

    /// <summary>Stdout as UTF-8 text.</summary>
    public string StdoutText => System.Text.Encoding.UTF8.GetString(Stdout);

    /// <summary>Stderr as UTF-8 text.</summary>
    public string StderrText => System.Text.Encoding.UTF8.GetString(Stderr);
}
