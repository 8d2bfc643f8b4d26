namespace AgentOs.Kernel.Fds;

/// <summary>The type of object a description or inode refers to.</summary>
public enum FileType
{
    Unknown,
    RegularFile,
    Directory,
    SymbolicLink,
    CharacterDevice,
    BlockDevice,
    Fifo,
    SocketStream,
    SocketDatagram,
}
