namespace AgentOs;

/// <summary>Per-process settings of <see cref="AgentOsVm.Spawn"/>.</summary>
public sealed class SpawnOptions
{
    /// <summary>Variables added to (or replacing) the VM's environment for this process.</summary>
    public IDictionary<string, string>? Env { get; init; }

    /// <summary>The working directory; relative to the VM's <see cref="AgentOsOptions.Cwd"/>; null for that directory.</summary>
    public string? Cwd { get; init; }
}
