namespace AgentOs.Kernel.Vfs;

/// <summary>stat(2) fields. Times are nanoseconds since the Unix epoch; <see cref="Mode"/> includes the S_IFMT type bits.</summary>
public readonly record struct StatInfo(
    ulong Device,
    ulong Inode,
    uint Mode,
    ulong LinkCount,
    uint Uid,
    uint Gid,
    ulong RDev,
    long Size,
    long Blocks,
    long AccessTimeNs,
    long ModifyTimeNs,
    long ChangeTimeNs)
{
    /// <summary>The file type encoded in <see cref="Mode"/>.</summary>
    public Fds.FileType FileType => ModeBits.ToFileType(Mode);
}
