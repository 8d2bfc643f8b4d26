namespace AgentOs.Kernel.Vfs;

/// <summary>One directory on a resolved path: the directory, the mount it is seen through and its name there.</summary>
internal readonly record struct PathFrame(DirectoryInode Directory, MountPoint Mount, string Name);
