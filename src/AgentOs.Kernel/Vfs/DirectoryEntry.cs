using AgentOs.Kernel.Fds;

namespace AgentOs.Kernel.Vfs;

/// <summary>One readdir entry; <see cref="NextCookie"/> resumes the listing right after it.</summary>
public readonly record struct DirectoryEntry(string Name, ulong Inode, FileType Type, long NextCookie);
