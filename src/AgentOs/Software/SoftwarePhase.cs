namespace AgentOs.Software;

/// <summary>What a package acquisition is doing.</summary>
public enum SoftwarePhase
{
    /// <summary>Fetching version metadata from the registry.</summary>
    Resolving,

    /// <summary>Downloading the npm tarball; bytes are reported.</summary>
    Downloading,

    /// <summary>Checking the tarball against its <c>dist.integrity</c> hash.</summary>
    Verifying,

    /// <summary>Extracting and validating <c>dist/package.aospkg</c>.</summary>
    Extracting,

    /// <summary>The package is available on disk (downloaded now, already cached, or a local file).</summary>
    Done,
}
