namespace AgentOs.AI;

/// <summary>Output caps and command timeouts of the functions <see cref="AgentOsAIFunctions.Create"/> returns.</summary>
public sealed class AgentOsAIFunctionOptions
{
    /// <summary>The most bytes one call returns per stream (exec's stdout and stderr each, read_file's content). Default 64 KiB.</summary>
    public int MaxOutputBytes { get; set; } = 64 * 1024;

    /// <summary>The most entries list_directory returns. Default 1,000.</summary>
    public int MaxDirectoryEntries { get; set; } = 1000;

    /// <summary>How long an exec may run when the model gives no <c>timeoutMs</c>. Default 60 s.</summary>
    public TimeSpan DefaultExecTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The longest <c>timeoutMs</c> the model may ask for. Default 10 min.</summary>
    public TimeSpan MaxExecTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <exception cref="ArgumentOutOfRangeException">A cap or timeout is not positive, or the default timeout is longer than the maximum.</exception>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxOutputBytes, 1, nameof(MaxOutputBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDirectoryEntries, 1, nameof(MaxDirectoryEntries));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(DefaultExecTimeout, TimeSpan.Zero, nameof(DefaultExecTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxExecTimeout, DefaultExecTimeout, nameof(MaxExecTimeout));
    }
}
