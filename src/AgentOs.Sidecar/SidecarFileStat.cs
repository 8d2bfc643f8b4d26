namespace AgentOs.Sidecar;

/// <summary>The result of <c>fs.stat</c>; times are nanoseconds since the Unix epoch.</summary>
/// <param name="Type">The file type, e.g. <c>regularFile</c>, <c>directory</c>, <c>symbolicLink</c>.</param>
/// <param name="Mode">Permission bits with the type bits (st_mode).</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="Uid">Owner.</param>
/// <param name="Gid">Group.</param>
/// <param name="Inode">Inode number.</param>
/// <param name="Links">Hard link count.</param>
/// <param name="AtimeNs">Last access.</param>
/// <param name="MtimeNs">Last modification.</param>
/// <param name="CtimeNs">Last status change.</param>
public sealed record SidecarFileStat(string Type, uint Mode, long Size, uint Uid, uint Gid, ulong Inode, ulong Links, long AtimeNs, long MtimeNs, long CtimeNs);
