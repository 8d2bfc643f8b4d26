namespace AgentOs.Kernel.Vfs;

/// <summary>A character device node (/dev/null, /dev/zero, /dev/full, /dev/random, /dev/urandom).</summary>
internal sealed class DeviceInode : Inode
{
    private const ulong MemoryMajor = 1;

    public DeviceInode(FileSystemInstance fileSystem, CharDevice device, uint permissions, uint uid, uint gid)
        : base(fileSystem, ModeBits.CharDevice | (permissions & ModeBits.PermissionMask), uid, gid)
    {
        Device = device;
    }

    public CharDevice Device { get; }

    /// <summary>Linux's old-style makedev(1, minor).</summary>
    public override ulong RDev => (MemoryMajor << 8) | (ulong)Device;
}
