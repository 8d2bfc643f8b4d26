namespace AgentOs.Software;

/// <summary>A package could not be resolved, downloaded, verified or validated; the message says which and why.</summary>
public sealed class SoftwareException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SoftwareException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public SoftwareException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
