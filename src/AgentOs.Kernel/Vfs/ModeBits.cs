using AgentOs.Kernel.Fds;

namespace AgentOs.Kernel.Vfs;

/// <summary>st_mode constants (Linux values) and helpers.</summary>
public static class ModeBits
{
    public const uint TypeMask = 0xF000;
    public const uint Socket = 0xC000;
    public const uint Symlink = 0xA000;
    public const uint Regular = 0x8000;
    public const uint BlockDevice = 0x6000;
    public const uint Directory = 0x4000;
    public const uint CharDevice = 0x2000;
    public const uint Fifo = 0x1000;
    public const uint SetUid = 0x800;
    public const uint SetGid = 0x400;
    public const uint Sticky = 0x200;
    public const uint PermissionMask = 0xFFF;

    /// <summary>The file type of a full st_mode.</summary>
    public static FileType ToFileType(uint mode) => (mode & TypeMask) switch
    {
        Regular => FileType.RegularFile,
        Directory => FileType.Directory,
        Symlink => FileType.SymbolicLink,
        CharDevice => FileType.CharacterDevice,
        BlockDevice => FileType.BlockDevice,
        Fifo => FileType.Fifo,
        Socket => FileType.SocketStream,
        _ => FileType.Unknown,
    };

    /// <summary>The S_IFMT bits of a file type.</summary>
    public static uint FromFileType(FileType type) => type switch
    {
        FileType.RegularFile => Regular,
        FileType.Directory => Directory,
        FileType.SymbolicLink => Symlink,
        FileType.CharacterDevice => CharDevice,
        FileType.BlockDevice => BlockDevice,
        FileType.Fifo => Fifo,
        FileType.SocketStream or FileType.SocketDatagram => Socket,
        _ => 0,
    };
}
