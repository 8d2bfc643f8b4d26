namespace AgentOs;

/// <summary>Creating a VM would take an <see cref="AgentOsHost"/> past one of its totals.</summary>
public sealed class AgentOsHostCapacityException : InvalidOperationException
{
    /// <summary>Creates the exception for the total at <paramref name="configPath"/>.</summary>
    public AgentOsHostCapacityException(string configPath, string message)
        : base(message)
    {
        ConfigPath = configPath;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public AgentOsHostCapacityException()
        : this("host", "The host has no room for another VM.")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public AgentOsHostCapacityException(string message)
        : this("host", message)
    {
    }

    /// <summary>Creates the exception wrapping <paramref name="innerException"/>.</summary>
    public AgentOsHostCapacityException(string message, Exception innerException)
        : base(message, innerException)
    {
        ConfigPath = "host";
    }

    /// <summary>The total that refused, e.g. <c>host.maxTotalMemoryBytes</c>.</summary>
    public string ConfigPath { get; }
}
