namespace AgentOs.Software;

/// <summary>One registry package to acquire: the unscoped name and an exact version or dist-tag.</summary>
internal sealed record PackageRequest(string Name, string Version);
