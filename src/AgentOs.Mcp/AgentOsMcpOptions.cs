namespace AgentOs.Mcp;

/// <summary>How the MCP tools treat one VM: output caps and command timeouts.</summary>
public sealed class AgentOsMcpOptions
{
    /// <summary>
    /// The most bytes one call returns per stream: stdout and stderr of <c>exec</c> each, the content of
    /// <c>read_file</c>. Past it the rest is dropped and the result says so. Default 64 KiB.
    /// </summary>
    public int MaxOutputBytes { get; set; } = 64 * 1024;

    /// <summary>The most entries <c>list_directory</c> returns (the rest is counted, not listed). Default 1,000.</summary>
    public int MaxDirectoryEntries { get; set; } = 1000;

    /// <summary>How long an <c>exec</c> may run when the call gives no <c>timeoutMs</c>. Default 60 s.</summary>
    public TimeSpan DefaultExecTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The longest <c>timeoutMs</c> a call may ask for. Default 10 min.</summary>
    public TimeSpan MaxExecTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Hosts the VM's network policy allows (as given to <c>network.allowedHosts</c>), named in the tool
    /// descriptions so a model knows what it may reach; empty when the VM has no outside network.
    /// </summary>
    public IReadOnlyList<string> AllowedHosts { get; set; } = [];

    /// <exception cref="ArgumentOutOfRangeException">A cap or timeout is not positive, or the default timeout is
    /// longer than the maximum.</exception>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxOutputBytes, 1, nameof(MaxOutputBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDirectoryEntries, 1, nameof(MaxDirectoryEntries));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(DefaultExecTimeout, TimeSpan.Zero, nameof(DefaultExecTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxExecTimeout, DefaultExecTimeout, nameof(MaxExecTimeout));
    }
}
