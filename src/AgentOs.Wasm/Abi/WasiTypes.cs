using System.Buffers.Binary;
using AgentOs.Kernel;
using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Vfs;

namespace AgentOs.Wasm.Abi;

/// <summary>Preview1 constants and record encoders shared by the import modules.</summary>
internal static class WasiTypes
{
    /// <summary>libc addresses the hidden "/" preopen as this tagged fd (spec §2.1).</summary>
    public const int PreopenRootFd = 0x40000003;

    public const int PreopenTag = 0x40000000;

    /// <summary>Where a plain WASI program finds its "/" preopen, as wasmtime's first <c>--dir</c>.</summary>
    public const int PlainPreopenFd = 3;

    /// <summary>Every preview1 right: agentOS does not restrict by rights, the kernel checks modes.</summary>
    public const ulong AllRights = 0x1FFFFFFF;

    /// <summary>The fd_seek and fd_tell rights, which a terminal lacks.</summary>
    public const ulong RightFdSeek = 1 << 2, RightFdTell = 1 << 5;

    public const int FileStatSize = 64;

    public const int FdStatSize = 24;

    public const int DirentHeaderSize = 24;

    public static int E(Errno errno) => WasiErrno.From(errno);

    public static int Fault => WasiErrno.From(Errno.EFAULT);

    public static int BadF => WasiErrno.From(Errno.EBADF);

    public static int Inval => WasiErrno.From(Errno.EINVAL);

    public static bool IsTagged(int fd) => (fd & PreopenTag) != 0 && fd > 0;

    /// <summary>Preview1 filetype for a kernel file type; pipes are reported as stream sockets (spec §3.2).</summary>
    public static byte ToWasiFileType(FileType type) => type switch
    {
        FileType.BlockDevice => 1,
        FileType.CharacterDevice => 2,
        FileType.Directory => 3,
        FileType.RegularFile => 4,
        FileType.SocketDatagram => 5,
        FileType.SocketStream or FileType.Fifo => 6,
        FileType.SymbolicLink => 7,
        _ => 0,
    };

    /// <summary>Preview1 fdflags from open status flags (APPEND 1, NONBLOCK 4, agentOS direct 0x20).</summary>
    public static ushort ToWasiFdFlags(OpenFlags flags) => (ushort)(
        ((flags & OpenFlags.Append) != 0 ? 1 : 0) |
        ((flags & OpenFlags.NonBlock) != 0 ? 4 : 0) |
        ((flags & OpenFlags.Direct) != 0 ? 0x20 : 0));

    /// <summary>Open status flags from preview1 fdflags.</summary>
    public static OpenFlags ToStatusFlags(int fdflags) =>
        ((fdflags & 1) != 0 ? OpenFlags.Append : 0) |
        ((fdflags & 4) != 0 ? OpenFlags.NonBlock : 0) |
        ((fdflags & 0x20) != 0 ? OpenFlags.Direct : 0);

    /// <summary>Encodes a 64-byte preview1 filestat.</summary>
    public static void WriteFileStat(Span<byte> target, in StatInfo stat)
    {
        target[..FileStatSize].Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(target, stat.Device);
        BinaryPrimitives.WriteUInt64LittleEndian(target[8..], stat.Inode);
        target[16] = ToWasiFileType(stat.FileType);
        BinaryPrimitives.WriteUInt64LittleEndian(target[24..], stat.LinkCount);
        BinaryPrimitives.WriteUInt64LittleEndian(target[32..], (ulong)stat.Size);
        BinaryPrimitives.WriteInt64LittleEndian(target[40..], stat.AccessTimeNs);
        BinaryPrimitives.WriteInt64LittleEndian(target[48..], stat.ModifyTimeNs);
        BinaryPrimitives.WriteInt64LittleEndian(target[56..], stat.ChangeTimeNs);
    }
}
