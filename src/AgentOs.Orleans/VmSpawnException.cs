using AgentOs.Kernel;

namespace AgentOs.Orleans;

/// <summary>A VM refused to start a command's shell: the grain's form of <see cref="AgentOsSpawnException"/> (which
/// Orleans cannot carry), with the same facts.</summary>
[GenerateSerializer]
[Alias("AgentOs.Orleans.VmSpawnException")]
public sealed class VmSpawnException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public VmSpawnException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public VmSpawnException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public VmSpawnException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The grain's form of <paramref name="e"/>.</summary>
    public VmSpawnException(AgentOsSpawnException e)
        : base(e?.Message)
    {
        ArgumentNullException.ThrowIfNull(e);
        Errno = e.Errno;
        Program = e.Program;
        LimitConfigPath = e.LimitConfigPath;
    }

    /// <summary><see cref="AgentOsSpawnException.Errno"/>.</summary>
    [Id(0)] public Errno Errno { get; init; }

    /// <summary><see cref="AgentOsSpawnException.Program"/>.</summary>
    [Id(1)] public string Program { get; init; } = string.Empty;

    /// <summary><see cref="AgentOsSpawnException.LimitConfigPath"/>.</summary>
    [Id(2)] public string? LimitConfigPath { get; init; }

    /// <summary>The library's exception with these facts.</summary>
    public AgentOsSpawnException ToAgentOsException() => new(Errno, Program, Message, LimitConfigPath);
}
