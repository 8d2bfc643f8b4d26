using System.Buffers;
using System.Buffers.Binary;
using AgentOs.Kernel;
using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Vfs;
using AgentOs.Wasm.Runtime;
using Wasmtime;
using static AgentOs.Wasm.Abi.WasiTypes;

namespace AgentOs.Wasm.Abi;

/// <summary>wasi_snapshot_preview1 descriptor calls: each decodes guest memory and makes one kernel call.</summary>
internal static class WasiFdImports
{
    /// <summary>Preview1 caps iovec arrays (spec §2.2.6).</summary>
    private const int MaxIovecs = 1024;

    /// <summary>Largest host buffer one multi-iovec read uses.</summary>
    private const int MaxGatherBytes = 1 << 20;

    public static void Define(Linker linker, string module)
    {
        linker.DefineFunction(module, "fd_read", HostCallbackGuard.Guard(module + ".fd_read", (Caller c, int fd, int iovs, int count, int nreadOut) => FdRead(c, fd, iovs, count, nreadOut)));
        linker.DefineFunction(module, "fd_write", HostCallbackGuard.Guard(module + ".fd_write", (Caller c, int fd, int iovs, int count, int nwrittenOut) => FdWrite(c, fd, iovs, count, nwrittenOut)));
        linker.DefineFunction(module, "fd_pread", HostCallbackGuard.Guard(module + ".fd_pread", (Caller c, int fd, int iovs, int count, long offset, int nreadOut) => FdPRead(c, fd, iovs, count, offset, nreadOut)));
        linker.DefineFunction(module, "fd_pwrite", HostCallbackGuard.Guard(module + ".fd_pwrite", (Caller c, int fd, int iovs, int count, long offset, int nwrittenOut) => FdPWrite(c, fd, iovs, count, offset, nwrittenOut)));
        linker.DefineFunction(module, "fd_close", HostCallbackGuard.Guard(module + ".fd_close", (Caller c, int fd) => E(Context(c).Kernel.Close(Context(c).Process, fd))));
        linker.DefineFunction(module, "fd_seek", HostCallbackGuard.Guard(module + ".fd_seek", (Caller c, int fd, long offset, int whence, int newOffsetOut) => FdSeek(c, fd, offset, whence, newOffsetOut)));
        linker.DefineFunction(module, "fd_tell", HostCallbackGuard.Guard(module + ".fd_tell", (Caller c, int fd, int offsetOut) => FdSeek(c, fd, 0, (int)SeekWhence.Current, offsetOut)));
        linker.DefineFunction(module, "fd_fdstat_get", HostCallbackGuard.Guard(module + ".fd_fdstat_get", (Caller c, int fd, int statOut) => FdStatGet(c, fd, statOut)));
        linker.DefineFunction(module, "fd_fdstat_set_flags", HostCallbackGuard.Guard(module + ".fd_fdstat_set_flags", (Caller c, int fd, int flags) => FdStatSetFlags(c, fd, flags)));
        linker.DefineFunction(module, "fd_filestat_get", HostCallbackGuard.Guard(module + ".fd_filestat_get", (Caller c, int fd, int statOut) => FdFileStatGet(c, fd, statOut)));
        linker.DefineFunction(module, "fd_filestat_set_size", HostCallbackGuard.Guard(module + ".fd_filestat_set_size", (Caller c, int fd, long size) => E(Context(c).Kernel.Ftruncate(Context(c).Process, fd, size))));
        linker.DefineFunction(module, "fd_filestat_set_times", HostCallbackGuard.Guard(module + ".fd_filestat_set_times", (Caller c, int fd, long atim, long mtim, int flags) => FdSetTimes(c, fd, atim, mtim, flags)));
        linker.DefineFunction(module, "fd_allocate", HostCallbackGuard.Guard(module + ".fd_allocate", (Caller c, int fd, long offset, long length) => E(Context(c).Kernel.Fallocate(Context(c).Process, fd, offset, length))));
        linker.DefineFunction(module, "fd_sync", HostCallbackGuard.Guard(module + ".fd_sync", (Caller c, int fd) => E(Context(c).Kernel.Fsync(Context(c).Process, fd))));
        linker.DefineFunction(module, "fd_datasync", HostCallbackGuard.Guard(module + ".fd_datasync", (Caller c, int fd) => E(Context(c).Kernel.Fsync(Context(c).Process, fd))));
        linker.DefineFunction(module, "fd_renumber", HostCallbackGuard.Guard(module + ".fd_renumber", (Caller c, int from, int to) => E(Context(c).Kernel.Renumber(Context(c).Process, from, to))));
        linker.DefineFunction(module, "fd_prestat_get", HostCallbackGuard.Guard(module + ".fd_prestat_get", (Caller c, int fd, int prestatOut) => PrestatGet(c, fd, prestatOut)));
        linker.DefineFunction(module, "fd_prestat_dir_name", HostCallbackGuard.Guard(module + ".fd_prestat_dir_name", (Caller c, int fd, int buf, int len) => PrestatDirName(c, fd, buf, len)));
        linker.DefineFunction(module, "fd_readdir", HostCallbackGuard.Guard(module + ".fd_readdir", (Caller c, int fd, int buf, int len, long cookie, int usedOut) => FdReadDir(c, fd, buf, len, cookie, usedOut)));
        linker.DefineFunction(module, "sock_shutdown", HostCallbackGuard.Guard(module + ".sock_shutdown", (Caller c, int fd, int how) => E(Context(c).Kernel.Shutdown(Context(c).Process, fd, how))));
    }

    internal static GuestContext Context(Caller caller) => (GuestContext)caller.GetData()!;

    private static int FdRead(Caller caller, int fd, int iovs, int count, int nreadOut)
    {
        var ctx = Context(caller);
        if (count > MaxIovecs)
        {
            return Inval;
        }

        var memory = ctx.GetMemory();
        Span<Iovec> vectors = stackalloc Iovec[Math.Max(count, 0)];
        if (!memory.TryReadIovecs(iovs, count, vectors, out var total) || !memory.IsValid(nreadOut, 4))
        {
            return Fault;
        }

        int read;
        Errno errno;
        if (count == 1 || total == 0)
        {
            errno = ctx.Kernel.Read(ctx.Process, fd, count == 0 ? [] : memory.Buffer(vectors[0]), out read);
        }
        else
        {
            // One kernel read for the whole request: reading vector by vector could block on a pipe after the
            // first vector was filled, where read(2) returns what is available.
            // read(2) may return less than asked: cap the host-side bounce buffer, whatever the guest requests.
            var size = (int)Math.Min(total, Math.Min(ctx.Kernel.Limits.MaxPreadBytes, MaxGatherBytes));
            var rented = ArrayPool<byte>.Shared.Rent(size);
            try
            {
                errno = ctx.Kernel.Read(ctx.Process, fd, rented.AsSpan(0, size), out read);
                Scatter(memory, vectors, rented.AsSpan(0, read));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        ctx.ThrowIfTerminated();
        if (errno != Errno.Success)
        {
            return E(errno);
        }

        memory.TryWriteU32(nreadOut, (uint)read);
        return 0;
    }

    private static int FdWrite(Caller caller, int fd, int iovs, int count, int nwrittenOut)
    {
        var ctx = Context(caller);
        if (count > MaxIovecs)
        {
            return Inval;
        }

        var memory = ctx.GetMemory();
        Span<Iovec> vectors = stackalloc Iovec[Math.Max(count, 0)];
        if (!memory.TryReadIovecs(iovs, count, vectors, out _) || !memory.IsValid(nwrittenOut, 4))
        {
            return Fault;
        }

        long written = 0;
        var errno = Errno.Success;
        foreach (var vector in vectors)
        {
            if (vector.Length == 0)
            {
                continue;
            }

            errno = ctx.Kernel.Write(ctx.Process, fd, memory.Buffer(vector), out var n);
            written += n;
            if (errno != Errno.Success || n < vector.Length)
            {
                break;
            }
        }

        ctx.ThrowIfTerminated();
        if (errno != Errno.Success && written == 0)
        {
            return E(errno);
        }

        memory.TryWriteU32(nwrittenOut, (uint)written);
        return 0;
    }

    private delegate Errno PositionalIo(GuestContext ctx, int fd, Span<byte> buffer, long offset, out int done);

    private static int FdPRead(Caller caller, int fd, int iovs, int count, long offset, int nreadOut) =>
        Positional(caller, fd, iovs, count, offset, nreadOut, static (GuestContext ctx, int f, Span<byte> b, long o, out int n) => ctx.Kernel.PRead(ctx.Process, f, b, o, out n));

    private static int FdPWrite(Caller caller, int fd, int iovs, int count, long offset, int nwrittenOut) =>
        Positional(caller, fd, iovs, count, offset, nwrittenOut, static (GuestContext ctx, int f, Span<byte> b, long o, out int n) => ctx.Kernel.PWrite(ctx.Process, f, b, o, out n));

    /// <summary>pread/pwrite over an iovec array: vector by vector at advancing offsets, stopping at the first
    /// short transfer; an error after some bytes moved reports the bytes instead.</summary>
    private static int Positional(Caller caller, int fd, int iovs, int count, long offset, int doneOut, PositionalIo io)
    {
        var ctx = Context(caller);
        if (count > MaxIovecs)
        {
            return Inval;
        }

        var memory = ctx.GetMemory();
        Span<Iovec> vectors = stackalloc Iovec[Math.Max(count, 0)];
        if (!memory.TryReadIovecs(iovs, count, vectors, out _) || !memory.IsValid(doneOut, 4))
        {
            return Fault;
        }

        long done = 0;
        foreach (var vector in vectors)
        {
            var errno = io(ctx, fd, memory.Buffer(vector), offset + done, out var n);
            if (errno != Errno.Success)
            {
                if (done == 0)
                {
                    return E(errno);
                }

                break;
            }

            done += n;
            if (n < vector.Length)
            {
                break;
            }
        }

        memory.TryWriteU32(doneOut, (uint)done);
        return 0;
    }

    private static void Scatter(GuestMemory memory, ReadOnlySpan<Iovec> vectors, ReadOnlySpan<byte> data)
    {
        foreach (var vector in vectors)
        {
            if (data.IsEmpty)
            {
                break;
            }

            var n = Math.Min(vector.Length, data.Length);
            data[..n].CopyTo(memory.Buffer(vector));
            data = data[n..];
        }
    }

    private static int FdSeek(Caller caller, int fd, long offset, int whence, int newOffsetOut)
    {
        var ctx = Context(caller);
        if (whence is < 0 or > 2)
        {
            return Inval;
        }

        var memory = ctx.GetMemory();
        if (!memory.IsValid(newOffsetOut, 8))
        {
            return Fault;
        }

        var errno = ctx.Kernel.Seek(ctx.Process, fd, offset, (SeekWhence)whence, out var position);
        if (errno != Errno.Success)
        {
            return E(errno);
        }

        memory.TryWriteU64(newOffsetOut, (ulong)position);
        return 0;
    }

    private static int FdStatGet(Caller caller, int fd, int statOut)
    {
        var ctx = Context(caller);
        var memory = ctx.GetMemory();
        if (!memory.TrySlice(statOut, FdStatSize, out var target))
        {
            return Fault;
        }

        byte type;
        ushort flags;
        var rights = AllRights;
        if (fd == PreopenRootFd)
        {
            type = ToWasiFileType(FileType.Directory);
            flags = 0;
        }
        else if (IsTagged(fd))
        {
            return BadF;
        }
        else
        {
            var errno = ctx.Kernel.GetFile(ctx.Process, fd, out var file);
            if (errno != Errno.Success)
            {
                return E(errno);
            }

            type = ToWasiFileType(file.FileType);
            flags = ToWasiFdFlags(file.StatusFlags);

            // A plain program's isatty (wasi-libc's, which Rust std and the library's own commands use) is "a
            // character device without the seek and tell rights", as a WASI runtime reports a terminal.
            if (ctx.PlainWasi && ctx.Kernel.IsATty(ctx.Process, fd, out var tty) == Errno.Success && tty)
            {
                rights &= ~(RightFdSeek | RightFdTell);
            }
        }

        target.Clear();
        target[0] = type;
        BinaryPrimitives.WriteUInt16LittleEndian(target[2..], flags);
        BinaryPrimitives.WriteUInt64LittleEndian(target[8..], rights);
        BinaryPrimitives.WriteUInt64LittleEndian(target[16..], rights);
        return 0;
    }

    private static int FdStatSetFlags(Caller caller, int fd, int flags)
    {
        var ctx = Context(caller);
        return E(ctx.Kernel.SetStatusFlags(ctx.Process, fd, ToStatusFlags(flags)));
    }

    private static int FdFileStatGet(Caller caller, int fd, int statOut)
    {
        var ctx = Context(caller);
        var memory = ctx.GetMemory();
        if (!memory.TrySlice(statOut, FileStatSize, out var target))
        {
            return Fault;
        }

        StatInfo stat = default;
        var errno = fd == PreopenRootFd
            ? ctx.Kernel.StatAt(ctx.Process, Kernel.Kernel.AtRoot, "/", follow: true, out stat)
            : IsTagged(fd) ? Errno.EBADF : ctx.Kernel.Fstat(ctx.Process, fd, out stat);
        if (errno != Errno.Success)
        {
            return E(errno);
        }

        WriteFileStat(target, stat);
        return 0;
    }

    private static int FdSetTimes(Caller caller, int fd, long atim, long mtim, int flags)
    {
        var ctx = Context(caller);
        if (!TryTimes(atim, mtim, flags, out var atime, out var mtime))
        {
            return Inval;
        }

        return E(ctx.Kernel.Futimens(ctx.Process, fd, atime, mtime));
    }

    /// <summary>Decodes preview1 fstflags (ATIM 1, ATIM_NOW 2, MTIM 4, MTIM_NOW 8) into optional times.</summary>
    internal static bool TryTimes(long atim, long mtim, int flags, out long? atime, out long? mtime)
    {
        atime = mtime = null;
        if ((flags & ~0xF) != 0 || (flags & 3) == 3 || (flags & 12) == 12)
        {
            return false;
        }

        const long now = VirtualFileSystem.TimeNow;
        if ((flags & 1) != 0)
        {
            atime = atim;
        }
        else if ((flags & 2) != 0)
        {
            atime = now;
        }

        if ((flags & 4) != 0)
        {
            mtime = mtim;
        }
        else if ((flags & 8) != 0)
        {
            mtime = now;
        }

        return true;
    }

    /// <summary>The preopen of the caller's ABI: agentOS's hidden tagged fd, or a plain program's fd 3 while it is
    /// still a directory (wasi-libc scans preopens once, at its first path call).</summary>
    private static bool IsPreopen(GuestContext ctx, int fd) =>
        ctx.PlainWasi
            ? fd == PlainPreopenFd && ctx.Kernel.GetFile(ctx.Process, fd, out var file) == Errno.Success && file.FileType == FileType.Directory
            : fd == PreopenRootFd;

    private static int PrestatGet(Caller caller, int fd, int prestatOut)
    {
        var memory = Context(caller).GetMemory();
        if (!IsPreopen(Context(caller), fd))
        {
            return BadF;
        }

        if (!memory.TrySlice(prestatOut, 8, out var target))
        {
            return Fault;
        }

        target.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(target[4..], 1);
        return 0;
    }

    private static int PrestatDirName(Caller caller, int fd, int buf, int len)
    {
        var memory = Context(caller).GetMemory();
        if (!IsPreopen(Context(caller), fd))
        {
            return BadF;
        }

        if (len < 1)
        {
            return E(Errno.ENAMETOOLONG);
        }

        return memory.TryWriteU8(buf, (byte)'/') ? 0 : Fault;
    }

    private static int FdReadDir(Caller caller, int fd, int buf, int len, long cookie, int usedOut)
    {
        var ctx = Context(caller);
        var memory = ctx.GetMemory();
        if (len < 0 || !memory.TrySlice(buf, len, out _) || !memory.IsValid(usedOut, 4))
        {
            return Fault;
        }

        // Each entry needs at least its 24-byte header; ask for no more entries than could start in the buffer.
        var entries = new List<DirectoryEntry>();
        var max = Math.Max(1, (len / DirentHeaderSize) + 1);
        var errno = fd == PreopenRootFd
            ? ctx.Kernel.ReadDirAt(ctx.Process, Kernel.Kernel.AtRoot, "/", cookie, max, entries)
            : IsTagged(fd) ? Errno.EBADF : ctx.Kernel.ReadDir(ctx.Process, fd, cookie, max, entries);
        if (errno != Errno.Success)
        {
            return E(errno);
        }

        memory.TrySlice(buf, len, out var target);
        var used = 0;
        Span<byte> header = stackalloc byte[DirentHeaderSize];
        foreach (var entry in entries)
        {
            // Preview1 fills the buffer completely; a truncated last entry tells libc to retry with a bigger one.
            var name = System.Text.Encoding.UTF8.GetBytes(entry.Name);
            BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)entry.NextCookie);
            BinaryPrimitives.WriteUInt64LittleEndian(header[8..], entry.Inode);
            BinaryPrimitives.WriteUInt32LittleEndian(header[16..], (uint)name.Length);
            header[20] = ToWasiFileType(entry.Type);
            header[21] = header[22] = header[23] = 0;
            used += CopyPart(header, target, used);
            used += CopyPart(name, target, used);
            if (used >= len)
            {
                break;
            }
        }

        memory.TryWriteU32(usedOut, (uint)used);
        return 0;
    }

    private static int CopyPart(ReadOnlySpan<byte> source, Span<byte> target, int offset)
    {
        var n = Math.Min(source.Length, target.Length - offset);
        source[..n].CopyTo(target[offset..]);
        return n;
    }
}
