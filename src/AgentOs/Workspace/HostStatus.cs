namespace AgentOs.Workspace;

/// <summary>What lstat says about a host path: the S_IFMT type bits, the permission bits and the mtime.</summary>
internal readonly record struct HostStatus(uint Mode, long ModifyTimeNs)
{
    private const uint TypeMask = 0xF000;

    public bool IsDirectory => (Mode & TypeMask) == 0x4000;

    public bool IsRegular => (Mode & TypeMask) == 0x8000;

    public bool IsSymlink => (Mode & TypeMask) == 0xA000;

    /// <summary>rwx bits and the sticky bit; set-id bits are dropped so an import never makes a set-id file.</summary>
    public uint Permissions => Mode & 0x3FF; // 01777
}
