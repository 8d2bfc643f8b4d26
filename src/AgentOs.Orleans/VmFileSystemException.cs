using AgentOs.Kernel;

namespace AgentOs.Orleans;

/// <summary>A VM refused a filesystem operation: the grain's form of <see cref="AgentOsFileSystemException"/> (which
/// Orleans cannot carry), with the same facts, so a caller can rebuild it and show the same message.</summary>
[GenerateSerializer]
[Alias("AgentOs.Orleans.VmFileSystemException")]
public sealed class VmFileSystemException : IOException
{
    /// <summary>Creates the exception.</summary>
    public VmFileSystemException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public VmFileSystemException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public VmFileSystemException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The grain's form of <paramref name="e"/>.</summary>
    public VmFileSystemException(AgentOsFileSystemException e)
        : base(e?.Message)
    {
        ArgumentNullException.ThrowIfNull(e);
        Errno = e.Errno;
        Operation = e.Operation;
        Path = e.Path;
        LimitConfigPath = e.LimitConfigPath;
        Observed = e.Observed;
        Capacity = e.Capacity;
    }

    /// <summary><see cref="AgentOsFileSystemException.Errno"/>.</summary>
    [Id(0)] public Errno Errno { get; init; }

    /// <summary><see cref="AgentOsFileSystemException.Operation"/>.</summary>
    [Id(1)] public string Operation { get; init; } = string.Empty;

    /// <summary><see cref="AgentOsFileSystemException.Path"/>.</summary>
    [Id(2)] public string Path { get; init; } = string.Empty;

    /// <summary><see cref="AgentOsFileSystemException.LimitConfigPath"/>.</summary>
    [Id(3)] public string? LimitConfigPath { get; init; }

    /// <summary><see cref="AgentOsFileSystemException.Observed"/>.</summary>
    [Id(4)] public long? Observed { get; init; }

    /// <summary><see cref="AgentOsFileSystemException.Capacity"/>.</summary>
    [Id(5)] public long? Capacity { get; init; }

    /// <summary>The library's exception with these facts (and so the same message).</summary>
    public AgentOsFileSystemException ToAgentOsException() => new(Errno, Operation, Path, LimitConfigPath, Observed, Capacity);
}
