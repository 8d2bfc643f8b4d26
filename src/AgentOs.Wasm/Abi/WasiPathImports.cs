using AgentOs.Kernel;
using AgentOs.Kernel.Fds;
using AgentOs.Wasm.Runtime;
using Wasmtime;
using static AgentOs.Wasm.Abi.WasiFdImports;
using static AgentOs.Wasm.Abi.WasiTypes;

namespace AgentOs.Wasm.Abi;

/// <summary>wasi_snapshot_preview1 path calls. Directory fds may be the hidden "/" preopen or real directory fds.</summary>
internal static class WasiPathImports
{
    private const int LookupSymlinkFollow = 1;

    public static void Define(Linker linker, string module)
    {
        linker.DefineFunction(module, "path_open", HostCallbackGuard.Guard(module + ".path_open", (Caller c, int dirFd, int lookup, int path, int len, int oflags, long rightsBase, long rightsInheriting, int fdflags, int fdOut) =>
            PathOpen(c, dirFd, lookup, path, len, oflags, rightsBase, fdflags, fdOut)));
        linker.DefineFunction(module, "path_filestat_get", HostCallbackGuard.Guard(module + ".path_filestat_get", (Caller c, int dirFd, int lookup, int path, int len, int statOut) => PathStat(c, dirFd, lookup, path, len, statOut)));
        linker.DefineFunction(module, "path_filestat_set_times", HostCallbackGuard.Guard(module + ".path_filestat_set_times", (Caller c, int dirFd, int lookup, int path, int len, long atim, long mtim, int flags) =>
            PathSetTimes(c, dirFd, lookup, path, len, atim, mtim, flags)));
        linker.DefineFunction(module, "path_create_directory", HostCallbackGuard.Guard(module + ".path_create_directory", (Caller c, int dirFd, int path, int len) =>
            WithPath(c, dirFd, path, len, static (ctx, dir, p) => ctx.Kernel.MkdirAt(ctx.Process, dir, p, 0x1FF))));
        linker.DefineFunction(module, "path_remove_directory", HostCallbackGuard.Guard(module + ".path_remove_directory", (Caller c, int dirFd, int path, int len) =>
            WithPath(c, dirFd, path, len, static (ctx, dir, p) => ctx.Kernel.UnlinkAt(ctx.Process, dir, p, removeDirectory: true))));
        linker.DefineFunction(module, "path_unlink_file", HostCallbackGuard.Guard(module + ".path_unlink_file", (Caller c, int dirFd, int path, int len) =>
            WithPath(c, dirFd, path, len, static (ctx, dir, p) => ctx.Kernel.UnlinkAt(ctx.Process, dir, p, removeDirectory: false))));
        linker.DefineFunction(module, "path_readlink", HostCallbackGuard.Guard(module + ".path_readlink", (Caller c, int dirFd, int path, int len, int buf, int bufLen, int usedOut) => PathReadLink(c, dirFd, path, len, buf, bufLen, usedOut)));
        linker.DefineFunction(module, "path_symlink", HostCallbackGuard.Guard(module + ".path_symlink", (Caller c, int target, int targetLen, int dirFd, int path, int len) => PathSymlink(c, target, targetLen, dirFd, path, len)));
        linker.DefineFunction(module, "path_rename", HostCallbackGuard.Guard(module + ".path_rename", (Caller c, int oldDir, int oldPath, int oldLen, int newDir, int newPath, int newLen) =>
            TwoPaths(c, oldDir, oldPath, oldLen, newDir, newPath, newLen, static (ctx, od, op, nd, np) => ctx.Kernel.RenameAt(ctx.Process, od, op, nd, np))));
        linker.DefineFunction(module, "path_link", HostCallbackGuard.Guard(module + ".path_link", (Caller c, int oldDir, int lookup, int oldPath, int oldLen, int newDir, int newPath, int newLen) =>
            TwoPaths(c, oldDir, oldPath, oldLen, newDir, newPath, newLen, static (ctx, od, op, nd, np) => ctx.Kernel.LinkAt(ctx.Process, od, op, nd, np))));
    }

    /// <summary>Maps a guest directory fd to the kernel's: the hidden preopen means "/", other tags are invalid.</summary>
    internal static bool TryDirectory(int dirFd, out int kernelDirFd)
    {
        if (dirFd == PreopenRootFd)
        {
            kernelDirFd = Kernel.Kernel.AtRoot;
            return true;
        }

        kernelDirFd = dirFd;
        return !IsTagged(dirFd);
    }

    private static int WithPath(Caller caller, int dirFd, int path, int len, Func<GuestContext, int, string, Errno> operation)
    {
        var ctx = Context(caller);
        if (!TryDirectory(dirFd, out var dir))
        {
            return BadF;
        }

        return !ctx.GetMemory().TryReadString(path, len, out var text) ? Fault : E(operation(ctx, dir, text));
    }

    private static int TwoPaths(Caller caller, int oldDirFd, int oldPath, int oldLen, int newDirFd, int newPath, int newLen, Func<GuestContext, int, string, int, string, Errno> operation)
    {
        var ctx = Context(caller);
        if (!TryDirectory(oldDirFd, out var oldDir) || !TryDirectory(newDirFd, out var newDir))
        {
            return BadF;
        }

        var memory = ctx.GetMemory();
        if (!memory.TryReadString(oldPath, oldLen, out var from) || !memory.TryReadString(newPath, newLen, out var to))
        {
            return Fault;
        }

        return E(operation(ctx, oldDir, from, newDir, to));
    }

    private static int PathOpen(Caller caller, int dirFd, int lookup, int path, int len, int oflags, long rightsBase, int fdflags, int fdOut)
    {
        var ctx = Context(caller);
        if (!TryDirectory(dirFd, out var dir))
        {
            return BadF;
        }

        var memory = ctx.GetMemory();
        if (!memory.TryReadString(path, len, out var text) || !memory.IsValid(fdOut, 4))
        {
            return Fault;
        }

        // Access mode from rights (FD_READ bit 1, FD_WRITE bit 6), oflags and fdflags per spec §2.2.4.
        var canRead = (rightsBase & (1L << 1)) != 0;
        var canWrite = (rightsBase & (1L << 6)) != 0;
        var flags = canWrite ? (canRead ? OpenFlags.ReadWrite : OpenFlags.WriteOnly) : OpenFlags.ReadOnly;
        if ((oflags & 1) != 0)
        {
            flags |= OpenFlags.Create;
        }

        if ((oflags & 2) != 0)
        {
            flags |= OpenFlags.Directory;
        }

        if ((oflags & 4) != 0)
        {
            flags |= OpenFlags.Exclusive;
        }

        if ((oflags & 8) != 0)
        {
            flags |= OpenFlags.Truncate;
        }

        if ((lookup & LookupSymlinkFollow) == 0)
        {
            flags |= OpenFlags.NoFollow;
        }

        flags |= ToStatusFlags(fdflags);
        var mode = ctx.PendingOpenMode ?? 0x1B6;
        ctx.PendingOpenMode = null;
        var errno = ctx.Kernel.OpenAt(ctx.Process, dir, text, flags, mode, out var fd);
        ctx.ThrowIfTerminated();
        if (errno != Errno.Success)
        {
            return E(errno);
        }

        memory.TryWriteU32(fdOut, (uint)fd);
        return 0;
    }

    private static int PathStat(Caller caller, int dirFd, int lookup, int path, int len, int statOut)
    {
        var ctx = Context(caller);
        if (!TryDirectory(dirFd, out var dir))
        {
            return BadF;
        }

        var memory = ctx.GetMemory();
        if (!memory.TryReadString(path, len, out var text) || !memory.TrySlice(statOut, FileStatSize, out var target))
        {
            return Fault;
        }

        var errno = ctx.Kernel.StatAt(ctx.Process, dir, text, (lookup & LookupSymlinkFollow) != 0, out var stat);
        if (errno != Errno.Success)
        {
            return E(errno);
        }

        WriteFileStat(target, stat);
        return 0;
    }

    private static int PathSetTimes(Caller caller, int dirFd, int lookup, int path, int len, long atim, long mtim, int flags)
    {
        var ctx = Context(caller);
        if (!TryTimes(atim, mtim, flags, out var atime, out var mtime))
        {
            return Inval;
        }

        return WithPath(caller, dirFd, path, len, (c, dir, p) => c.Kernel.UtimensAt(c.Process, dir, p, atime, mtime, (lookup & LookupSymlinkFollow) != 0));
    }

    private static int PathReadLink(Caller caller, int dirFd, int path, int len, int buf, int bufLen, int usedOut)
    {
        var ctx = Context(caller);
        if (!TryDirectory(dirFd, out var dir))
        {
            return BadF;
        }

        var memory = ctx.GetMemory();
        if (!memory.TryReadString(path, len, out var text) || bufLen < 0 || !memory.TrySlice(buf, bufLen, out var target) || !memory.IsValid(usedOut, 4))
        {
            return Fault;
        }

        var errno = ctx.Kernel.ReadLinkAt(ctx.Process, dir, text, out var link);
        if (errno != Errno.Success)
        {
            return E(errno);
        }

        // readlink(2) truncates silently to the buffer.
        var bytes = System.Text.Encoding.UTF8.GetBytes(link);
        var n = Math.Min(bytes.Length, target.Length);
        bytes.AsSpan(0, n).CopyTo(target);
        memory.TryWriteU32(usedOut, (uint)n);
        return 0;
    }

    private static int PathSymlink(Caller caller, int target, int targetLen, int dirFd, int path, int len)
    {
        var ctx = Context(caller);
        if (!ctx.GetMemory().TryReadString(target, targetLen, out var targetText))
        {
            return Fault;
        }

        return WithPath(caller, dirFd, path, len, (c, dir, p) => c.Kernel.SymlinkAt(c.Process, targetText, dir, p));
    }
}
