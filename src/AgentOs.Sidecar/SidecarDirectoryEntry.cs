namespace AgentOs.Sidecar;

/// <summary>One entry of <c>fs.readdir</c>.</summary>
/// <param name="Name">The name in its directory.</param>
/// <param name="Path">The absolute VM path.</param>
/// <param name="Type">The file type (symbolic links are not followed).</param>
/// <param name="Size">Size in bytes.</param>
public sealed record SidecarDirectoryEntry(string Name, string Path, string Type, long Size);
