namespace AgentOs.Kernel.Limits;

/// <summary>An operator-supplied limit is invalid; <see cref="ConfigPath"/> names the field.</summary>
public sealed class LimitConfigurationException : ArgumentException
{
    /// <summary>Creates the exception for the field at <paramref name="configPath"/>.</summary>
    public LimitConfigurationException(string configPath, string message)
        : base(message, configPath)
    {
        ConfigPath = configPath;
    }

    /// <summary>The configuration path of the invalid field, e.g. <c>limits.resources.maxProcesses</c>.</summary>
    public string ConfigPath { get; }
}
