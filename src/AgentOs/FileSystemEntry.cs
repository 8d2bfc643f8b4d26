using AgentOs.Kernel.Fds;

namespace AgentOs;

/// <summary>One entry of <see cref="AgentOsFileSystem.ReadDirectory"/>.</summary>
/// <param name="Path">The entry's absolute path in the VM.</param>
/// <param name="Name">The entry's name in its directory.</param>
/// <param name="Type">The entry's type (symbolic links are not followed).</param>
/// <param name="Size">Its size in bytes (for a symbolic link, the length of its target).</param>
public sealed record FileSystemEntry(string Path, string Name, FileType Type, long Size);
