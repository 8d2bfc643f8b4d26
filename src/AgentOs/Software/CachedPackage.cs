namespace AgentOs.Software;

/// <summary>A validated .aospkg on the local disk, ready to mount.</summary>
/// <param name="Name">Package name from the package manifest, e.g. <c>coreutils</c>.</param>
/// <param name="Version">Package version from the package manifest, e.g. <c>0.3.4</c>.</param>
/// <param name="Path">Absolute path of the .aospkg file (in the cache, or the local file that was named).</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the whole file.</param>
public sealed record CachedPackage(string Name, string Version, string Path, string Sha256);
