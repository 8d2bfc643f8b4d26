namespace AgentOs.State;

/// <summary>A state's JSON header: identity, configuration and what the filesystem needs.</summary>
internal sealed class StateHeader
{
    /// <summary>The saved VM's identifier.</summary>
    public string VmId { get; set; } = string.Empty;

    /// <summary>When the state was saved (UTC).</summary>
    public DateTimeOffset SavedAt { get; set; }

    /// <summary>The VM's configuration.</summary>
    public StateConfiguration Configuration { get; set; } = new();

    /// <summary>What the filesystem payload holds.</summary>
    public StateFileSystem FileSystem { get; set; } = new();
}
