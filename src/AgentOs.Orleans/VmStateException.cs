namespace AgentOs.Orleans;

/// <summary>A VM's saved state could not be restored; the stored entry is left as it was.</summary>
[GenerateSerializer]
[Alias("AgentOs.Orleans.VmStateException")]
public sealed class VmStateException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public VmStateException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public VmStateException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public VmStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
