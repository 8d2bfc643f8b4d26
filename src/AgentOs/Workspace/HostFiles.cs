using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace AgentOs.Workspace;

/// <summary>
/// The few host calls .NET does not expose: lstat (to tell devices, FIFOs and sockets from files without opening
/// them) and an open that refuses symlinks and never blocks on a FIFO swapped in after the lstat. Linux (statx).
/// </summary>
internal static partial class HostFiles
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxBasicStats = 0x7FF;
    private const int StatxSize = 256;
    private const int ORdOnly = 0;
    private const int ONonBlock = 0x800;
    private const int OCloExec = 0x80000;

    /// <summary>lstat; false when the path does not exist or cannot be examined.</summary>
    public static unsafe bool TryLstat(string path, out HostStatus status)
    {
        var buffer = stackalloc byte[StatxSize];
        if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxBasicStats, buffer) != 0)
        {
            status = default;
            return false;
        }

        status = Decode(buffer);
        return true;
    }

    /// <summary>Opens a regular file for reading without following a final symlink and without blocking; null when the
    /// path is (now) anything but a regular file.</summary>
    public static unsafe SafeFileHandle? OpenRegular(string path)
    {
        var fd = Open(path, ORdOnly | ONonBlock | OCloExec | NoFollow, 0);
        if (fd < 0)
        {
            return null;
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        var buffer = stackalloc byte[StatxSize];
        if (Statx(fd, string.Empty, AtEmptyPath, StatxBasicStats, buffer) != 0 || !Decode(buffer).IsRegular)
        {
            handle.Dispose();
            return null;
        }

        return handle;
    }

    // O_NOFOLLOW differs between architectures (asm-generic vs x86 and arm64).
    private static int NoFollow => RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x8000 : 0x20000;

    private static unsafe HostStatus Decode(byte* buffer)
    {
        // struct statx: stx_mode (u16) at 28, stx_mtime {i64 tv_sec, u32 tv_nsec} at 112.
        var mode = *(ushort*)(buffer + 28);
        var seconds = *(long*)(buffer + 112);
        var nanoseconds = *(uint*)(buffer + 120);
        return new HostStatus(mode, (seconds * 1_000_000_000) + nanoseconds);
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static unsafe partial int Statx(int dirFd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags, int mode);
}
