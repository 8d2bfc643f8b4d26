namespace AgentOs.Kernel.Vfs;

/// <summary>statfs(2) figures of the file system holding a path (the guest ABI's <c>path_statfs</c> outputs).</summary>
public readonly record struct StatFsInfo(long TotalBytes, long UsedBytes, long AvailableBytes, long TotalInodes, long FreeInodes);
