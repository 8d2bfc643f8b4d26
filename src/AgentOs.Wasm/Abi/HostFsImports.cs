using AgentOs.Kernel;
using AgentOs.Kernel.Vfs;
using AgentOs.Wasm.Runtime;
using Wasmtime;
using static AgentOs.Wasm.Abi.WasiFdImports;
using static AgentOs.Wasm.Abi.WasiTypes;

namespace AgentOs.Wasm.Abi;

/// <summary>
/// The <c>host_fs</c> module: POSIX metadata that preview1 lacks (modes, owners, statfs). Path arguments are
/// (fd, ptr, len): absolute paths ignore fd, fd −1 means the process cwd, the hidden preopen means "/", and Rust
/// std's literal fd 3 with a relative path means the cwd (spec §2.1).
/// </summary>
internal static class HostFsImports
{
    private const string Module = "host_fs";
    private const int MaxPathBytes = 4096;

    public static void Define(Linker linker)
    {
        linker.DefineFunction(Module, "fd_mode", HostCallbackGuard.Guard(Module + ".fd_mode", (Caller c, int fd) => FdStat(c, fd, out var s) ? (int)s.Mode : 0));
        linker.DefineFunction(Module, "fd_size", HostCallbackGuard.Guard(Module + ".fd_size", (Caller c, int fd) => FdStat(c, fd, out var s) ? s.Size : -1L));
        linker.DefineFunction(Module, "fd_blocks", HostCallbackGuard.Guard(Module + ".fd_blocks", (Caller c, int fd) => FdStat(c, fd, out var s) ? s.Blocks : -1L));
        linker.DefineFunction(Module, "path_mode", HostCallbackGuard.Guard(Module + ".path_mode", (Caller c, int fd, int path, int len, int follow) => PathStat(c, fd, path, len, follow, out var s) ? (int)s.Mode : 0));
        linker.DefineFunction(Module, "path_size", HostCallbackGuard.Guard(Module + ".path_size", (Caller c, int fd, int path, int len, int follow) => PathStat(c, fd, path, len, follow, out var s) ? s.Size : -1L));
        linker.DefineFunction(Module, "path_blocks", HostCallbackGuard.Guard(Module + ".path_blocks", (Caller c, int fd, int path, int len, int follow) => PathStat(c, fd, path, len, follow, out var s) ? s.Blocks : -1L));
        linker.DefineFunction(Module, "path_rdev", HostCallbackGuard.Guard(Module + ".path_rdev", (Caller c, int fd, int path, int len, int follow) => PathStat(c, fd, path, len, follow, out var s) ? (long)s.RDev : 0L));
        linker.DefineFunction(Module, "set_open_mode", HostCallbackGuard.Guard(Module + ".set_open_mode", (Caller c, int mode) =>
        {
            Context(c).PendingOpenMode = (uint)mode & 0xFFF;
            return 0;
        }));
        linker.DefineFunction(Module, "chmod", HostCallbackGuard.Guard(Module + ".chmod", (Caller c, int fd, int path, int len, int mode) =>
            WithPath(c, fd, path, len, (ctx, dir, p) => ctx.Kernel.ChmodAt(ctx.Process, dir, p, (uint)mode & 0xFFF, follow: true))));
        linker.DefineFunction(Module, "fchmod", HostCallbackGuard.Guard(Module + ".fchmod", (Caller c, int fd, int mode) => E(Context(c).Kernel.Fchmod(Context(c).Process, fd, (uint)mode & 0xFFF))));
        linker.DefineFunction(Module, "ftruncate", HostCallbackGuard.Guard(Module + ".ftruncate", (Caller c, int fd, long length) => E(Context(c).Kernel.Ftruncate(Context(c).Process, fd, length))));
        linker.DefineFunction(Module, "path_owner", HostCallbackGuard.Guard(Module + ".path_owner", (Caller c, int fd, int path, int len, int follow, int uidOut, int gidOut) => PathOwner(c, fd, path, len, follow, uidOut, gidOut)));
        linker.DefineFunction(Module, "fd_owner", HostCallbackGuard.Guard(Module + ".fd_owner", (Caller c, int fd, int uidOut, int gidOut) => FdOwner(c, fd, uidOut, gidOut)));
        linker.DefineFunction(Module, "path_chown", HostCallbackGuard.Guard(Module + ".path_chown", (Caller c, int fd, int path, int len, int uid, int gid, int follow) =>
            WithPath(c, fd, path, len, (ctx, dir, p) => ctx.Kernel.ChownAt(ctx.Process, dir, p, (uint)uid, (uint)gid, follow != 0))));
        linker.DefineFunction(Module, "chown", HostCallbackGuard.Guard(Module + ".chown", (Caller c, int fd, int path, int len, int uid, int gid, int follow) =>
            WithPath(c, fd, path, len, (ctx, dir, p) => ctx.Kernel.ChownAt(ctx.Process, dir, p, (uint)uid, (uint)gid, follow != 0))));
        linker.DefineFunction(Module, "fchown", HostCallbackGuard.Guard(Module + ".fchown", (Caller c, int fd, int uid, int gid) => E(Context(c).Kernel.Fchown(Context(c).Process, fd, (uint)uid, (uint)gid))));
        linker.DefineFunction(Module, "fd_chown", HostCallbackGuard.Guard(Module + ".fd_chown", (Caller c, int fd, int uid, int gid) => E(Context(c).Kernel.Fchown(Context(c).Process, fd, (uint)uid, (uint)gid))));
        linker.DefineFunction(Module, "path_access", HostCallbackGuard.Guard(Module + ".path_access", (Caller c, int fd, int path, int len, int mode, int flags) =>
            WithPath(c, fd, path, len, (ctx, dir, p) => ctx.Kernel.AccessAt(ctx.Process, dir, p, mode & 7))));
        linker.DefineFunction(Module, "path_statfs", HostCallbackGuard.Guard(Module + ".path_statfs", (Caller c, int fd, int path, int len, int total, int used, int avail, int inodes, int freeInodes) =>
            PathStatFs(c, fd, path, len, total, used, avail, inodes, freeInodes)));
        linker.DefineFunction(Module, "path_mknod", HostCallbackGuard.Guard(Module + ".path_mknod", (Caller c, int fd, int path, int len, int mode, long dev) =>
            WithPath(c, fd, path, len, (ctx, dir, p) => Mknod(ctx, dir, p, (uint)mode))));
        linker.DefineFunction(Module, "remount", HostCallbackGuard.Guard(Module + ".remount", (Caller c, int path, int len, int options, int optionsLen) => Remount(c, path, len, options, optionsLen)));
    }

    /// <summary>Maps a host_fs directory argument to a kernel directory fd for <paramref name="path"/>.</summary>
    private static bool TryBase(int fd, string path, out int dir)
    {
        if (path.StartsWith('/') || fd == -1 || fd == 3)
        {
            // Absolute paths ignore fd; −1 is the cwd; Rust std passes a literal 3 with the caller's own path.
            dir = Kernel.Kernel.AtCwd;
            return true;
        }

        return WasiPathImports.TryDirectory(fd, out dir);
    }

    private static int WithPath(Caller caller, int fd, int path, int len, Func<GuestContext, int, string, Errno> operation)
    {
        var ctx = Context(caller);
        if (len > MaxPathBytes)
        {
            return E(Errno.ENAMETOOLONG);
        }

        if (!ctx.GetMemory().TryReadString(path, len, out var text))
        {
            return Fault;
        }

        return TryBase(fd, text, out var dir) ? E(operation(ctx, dir, text)) : BadF;
    }

    // mknod(2): FIFOs only. Device nodes are the kernel's own (/dev), so others get EPERM as an unprivileged caller
    // would; regular files and sockets have their own calls.
    private static Errno Mknod(GuestContext ctx, int dir, string path, uint mode) => (mode & ModeBits.TypeMask) switch
    {
        ModeBits.Fifo => ctx.Kernel.MkfifoAt(ctx.Process, dir, path, mode & ModeBits.PermissionMask),
        ModeBits.CharDevice or ModeBits.BlockDevice => Errno.EPERM,
        _ => Errno.EINVAL,
    };

    private static bool FdStat(Caller caller, int fd, out StatInfo stat)
    {
        var ctx = Context(caller);
        if (fd == PreopenRootFd)
        {
            return ctx.Kernel.StatAt(ctx.Process, Kernel.Kernel.AtRoot, "/", follow: true, out stat) == Errno.Success;
        }

        stat = default;
        return !IsTagged(fd) && ctx.Kernel.Fstat(ctx.Process, fd, out stat) == Errno.Success;
    }

    private static bool PathStat(Caller caller, int fd, int path, int len, int follow, out StatInfo stat)
    {
        stat = default;
        var ctx = Context(caller);
        if (len > MaxPathBytes || !ctx.GetMemory().TryReadString(path, len, out var text) || !TryBase(fd, text, out var dir))
        {
            return false;
        }

        return ctx.Kernel.StatAt(ctx.Process, dir, text, follow != 0, out stat) == Errno.Success;
    }

    private static int PathOwner(Caller caller, int fd, int path, int len, int follow, int uidOut, int gidOut)
    {
        var ctx = Context(caller);
        var memory = ctx.GetMemory();
        if (!memory.IsValid(uidOut, 4) || !memory.IsValid(gidOut, 4) || !memory.TryReadString(path, len, out var text))
        {
            return Fault;
        }

        if (!TryBase(fd, text, out var dir))
        {
            return BadF;
        }

        var errno = ctx.Kernel.StatAt(ctx.Process, dir, text, follow != 0, out var stat);
        if (errno != Errno.Success)
        {
            return E(errno);
        }

        memory.TryWriteU32(uidOut, stat.Uid);
        memory.TryWriteU32(gidOut, stat.Gid);
        return 0;
    }

    private static int FdOwner(Caller caller, int fd, int uidOut, int gidOut)
    {
        var memory = Context(caller).GetMemory();
        if (!memory.IsValid(uidOut, 4) || !memory.IsValid(gidOut, 4))
        {
            return Fault;
        }

        if (!FdStat(caller, fd, out var stat))
        {
            return BadF;
        }

        memory.TryWriteU32(uidOut, stat.Uid);
        memory.TryWriteU32(gidOut, stat.Gid);
        return 0;
    }

    private static int PathStatFs(Caller caller, int fd, int path, int len, int total, int used, int avail, int inodes, int freeInodes)
    {
        var ctx = Context(caller);
        var memory = ctx.GetMemory();
        if (!memory.IsValid(total, 8) || !memory.IsValid(used, 8) || !memory.IsValid(avail, 8) ||
            !memory.IsValid(inodes, 8) || !memory.IsValid(freeInodes, 8) || !memory.TryReadString(path, len, out var text))
        {
            return Fault;
        }

        if (!TryBase(fd, text, out var dir))
        {
            return BadF;
        }

        var errno = ctx.Kernel.StatFsAt(ctx.Process, dir, text, out var info);
        if (errno != Errno.Success)
        {
            return E(errno);
        }

        memory.TryWriteU64(total, (ulong)info.TotalBytes);
        memory.TryWriteU64(used, (ulong)info.UsedBytes);
        memory.TryWriteU64(avail, (ulong)info.AvailableBytes);
        memory.TryWriteU64(inodes, (ulong)info.TotalInodes);
        memory.TryWriteU64(freeInodes, (ulong)info.FreeInodes);
        return 0;
    }

    private static int Remount(Caller caller, int path, int len, int options, int optionsLen)
    {
        var ctx = Context(caller);
        if (len > MaxPathBytes || optionsLen > 64 << 10)
        {
            return Inval;
        }

        var memory = ctx.GetMemory();
        if (!memory.TryReadString(path, len, out var target) || !memory.TryReadString(options, optionsLen, out var text))
        {
            return Fault;
        }

        var words = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        bool? readOnly = words.Contains("ro") ? true : words.Contains("rw") ? false : null;
        return E(ctx.Kernel.Remount(ctx.Process, target, readOnly));
    }
}
