namespace AgentOs.Orleans;

/// <summary>No silo has room for a VM (placement), or its silo's host totals refused it
/// (<see cref="AgentOsHostCapacityException"/> on the silo).</summary>
[GenerateSerializer]
[Alias("AgentOs.Orleans.VmCapacityException")]
public sealed class VmCapacityException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public VmCapacityException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public VmCapacityException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public VmCapacityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
