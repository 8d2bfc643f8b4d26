namespace AgentOs.Kernel.Vfs;

/// <summary>A frozen, detached copy of a VM's root file system tree (see <see cref="VirtualFileSystem.Snapshot"/>),
/// with the inodes and bytes it would charge when loaded into a VM.</summary>
/// <param name="Root">The copy of "/", charged to nothing; file pages are shared copy-on-write with the VM.</param>
/// <param name="Inodes">Inodes in the tree, "/" included.</param>
/// <param name="Bytes">File and symlink-target bytes in the tree.</param>
internal sealed record TreeSnapshot(DirectoryInode Root, long Inodes, long Bytes);
