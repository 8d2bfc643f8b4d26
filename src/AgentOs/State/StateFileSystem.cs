namespace AgentOs.State;

/// <summary>The header's <c>fileSystem</c> object: the payload's encoding and what loading it charges.</summary>
internal sealed class StateFileSystem
{
    /// <summary>"gzip" (a gzip-compressed tar) or "none" (a plain tar).</summary>
    public string Compression { get; set; } = "gzip";

    /// <summary>Inodes the tree charges, "/" included.</summary>
    public long Inodes { get; set; }

    /// <summary>File and symlink-target bytes the tree charges.</summary>
    public long Bytes { get; set; }
}
