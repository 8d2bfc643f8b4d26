namespace AgentOs;

/// <summary>
/// A saved VM state cannot be loaded: it is not a state, is of an unknown version, is corrupt or truncated (the
/// checksum does not match), holds a hostile entry (an absolute name, one climbing with "..", one reaching through
/// a symbolic link), or does not fit the VM's limits (<see cref="LimitConfigPath"/> then names the limit). No VM is
/// created from such a state.
/// </summary>
public sealed class AgentOsStateException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AgentOsStateException(string message, string? limitConfigPath = null, Exception? innerException = null)
        : base(message, innerException)
    {
        LimitConfigPath = limitConfigPath;
    }

    /// <summary>For a state that does not fit, the limit it exceeds, e.g. <c>limits.resources.maxFilesystemBytes</c>.</summary>
    public string? LimitConfigPath { get; }
}
