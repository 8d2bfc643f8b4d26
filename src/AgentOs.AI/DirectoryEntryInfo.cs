namespace AgentOs.AI;

/// <summary>One entry of a <see cref="DirectoryListing"/>: type is file, directory, symlink, fifo, socket, chardev or blockdev.</summary>
internal sealed record DirectoryEntryInfo(string Name, string Type, long Size);
