using System.Buffers.Binary;
using System.Text;
using AgentOs.Kernel;
using AgentOs.Kernel.Exec;
using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Processes;
using AgentOs.Wasm.Runtime;
using Wasmtime;
using static AgentOs.Wasm.Abi.WasiFdImports;
using static AgentOs.Wasm.Abi.WasiTypes;

namespace AgentOs.Wasm.Abi;

/// <summary>The <c>host_process</c> module: spawn/exec/wait/kill, signal masks, pipes and descriptor calls.</summary>
internal static class HostProcessImports
{
    private const string Module = "host_process";
    private const int ActionHeaderSize = 24;
    private const int MaxCloexecFds = 1 << 20;

    public static void Define(Linker linker)
    {
        linker.DefineFunction(Module, "proc_spawn_v3", HostCallbackGuard.Guard(Module + ".proc_spawn_v3", SpawnV3),
            AbiLinker.Int32s(17), [ValueKind.Int32]);
        linker.DefineFunction(Module, "proc_exec", HostCallbackGuard.Guard(Module + ".proc_exec", (Caller c, int exec, int execLen, int argv, int argvLen, int envp, int envpLen, int cloexec, int cloexecCount) =>
            Exec(c, exec, execLen, argv, argvLen, envp, envpLen, cloexec, cloexecCount)));
        linker.DefineFunction(Module, "proc_waitpid_v2", HostCallbackGuard.Guard(Module + ".proc_waitpid_v2", (Caller c, int pid, int options, int codeOut, int signalOut, int pidOut, int coreOut) =>
            WaitPid(c, pid, options, codeOut, signalOut, pidOut, coreOut)));
        linker.DefineFunction(Module, "proc_kill", HostCallbackGuard.Guard(Module + ".proc_kill", (Caller c, int pid, int signal) => E(Context(c).Kernel.Kill(Context(c).Process, pid, signal))));
        linker.DefineFunction(Module, "proc_signal_mask_v2", HostCallbackGuard.Guard(Module + ".proc_signal_mask_v2", (Caller c, int how, int lo, int hi, int oldLo, int oldHi) => SignalMask(c, how, lo, hi, oldLo, oldHi)));
        linker.DefineFunction(Module, "proc_getpid", HostCallbackGuard.Guard(Module + ".proc_getpid", (Caller c, int output) => Context(c).GetMemory().TryWriteU32(output, (uint)Context(c).Process.Pid) ? 0 : Fault));
        linker.DefineFunction(Module, "proc_getppid", HostCallbackGuard.Guard(Module + ".proc_getppid", (Caller c, int output) => Context(c).GetMemory().TryWriteU32(output, (uint)Context(c).Process.ParentPid) ? 0 : Fault));
        linker.DefineFunction(Module, "proc_getpgid", HostCallbackGuard.Guard(Module + ".proc_getpgid", (Caller c, int pid, int output) => GetPgid(c, pid, output)));
        linker.DefineFunction(Module, "proc_setpgid", HostCallbackGuard.Guard(Module + ".proc_setpgid", (Caller c, int pid, int pgid) => E(Context(c).Kernel.SetPgid(Context(c).Process, pid, pgid))));
        linker.DefineFunction(Module, "fd_socketpair", HostCallbackGuard.Guard(Module + ".fd_socketpair", (Caller c, int kind, int nonBlock, int cloexec, int fd0Out, int fd1Out) =>
            HostNetImports.SocketPair(c, kind, nonBlock, cloexec, fd0Out, fd1Out)));
        linker.DefineFunction(Module, "fd_sendmsg_rights", HostCallbackGuard.Guard(Module + ".fd_sendmsg_rights", (Caller c, int fd, int data, int length, int rights, int rightsLength, int flags, int sentOut) =>
            HostNetImports.SendRights(c, fd, data, length, rights, rightsLength, flags, sentOut)));
        linker.DefineFunction(Module, "fd_recvmsg_rights", HostCallbackGuard.Guard(Module + ".fd_recvmsg_rights", HostNetImports.ReceiveRights),
            AbiLinker.Int32s(9), [ValueKind.Int32]);
        linker.DefineFunction(Module, "fd_pipe", HostCallbackGuard.Guard(Module + ".fd_pipe", (Caller c, int readOut, int writeOut) => Pipe(c, readOut, writeOut)));
        linker.DefineFunction(Module, "fd_dup", HostCallbackGuard.Guard(Module + ".fd_dup", (Caller c, int fd, int newOut) => Dup(c, fd, 0, newOut)));
        linker.DefineFunction(Module, "fd_dup_min", HostCallbackGuard.Guard(Module + ".fd_dup_min", (Caller c, int fd, int min, int newOut) => Dup(c, fd, min, newOut)));
        linker.DefineFunction(Module, "fd_dup2", HostCallbackGuard.Guard(Module + ".fd_dup2", (Caller c, int from, int to) => E(Context(c).Kernel.Dup2(Context(c).Process, from, to))));
        linker.DefineFunction(Module, "fd_setfd", HostCallbackGuard.Guard(Module + ".fd_setfd", (Caller c, int fd, int flags) => E(Context(c).Kernel.SetFdFlags(Context(c).Process, fd, (FdFlags)(flags & 1)))));
        linker.DefineFunction(Module, "fd_getfd", HostCallbackGuard.Guard(Module + ".fd_getfd", (Caller c, int fd, int output) => GetFd(c, fd, output)));
        linker.DefineFunction(Module, "proc_closefrom", HostCallbackGuard.Guard(Module + ".proc_closefrom", (Caller c, int fd) => E(Context(c).Kernel.CloseFrom(Context(c).Process, fd))));
        linker.DefineFunction(Module, "sleep_ms", HostCallbackGuard.Guard(Module + ".sleep_ms", (Caller c, int ms) => Sleep(c, ms)));
        linker.DefineFunction(Module, "umask", HostCallbackGuard.Guard(Module + ".umask", (Caller c, int mask, int set, int oldOut) => Umask(c, mask, set != 0, oldOut)));
        linker.DefineFunction(Module, "proc_umask", HostCallbackGuard.Guard(Module + ".proc_umask", (Caller c, int mask, int oldOut) => Umask(c, mask, true, oldOut)));
        linker.DefineFunction(Module, "proc_getrlimit", HostCallbackGuard.Guard(Module + ".proc_getrlimit", (Caller c, int resource, int softOut, int hardOut) => GetRLimit(c, resource, softOut, hardOut)));
        linker.DefineFunction(Module, "proc_setrlimit", HostCallbackGuard.Guard(Module + ".proc_setrlimit", (Caller c, int resource, long soft, long hard) =>
            E(Context(c).Kernel.SetRLimit(Context(c).Process, resource, (ulong)soft, (ulong)hard))));
    }

    private static void SpawnV3(Caller caller, ReadOnlySpan<ValueBox> args, Span<ValueBox> results)
    {
        var a = new int[17];
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = args[i].AsInt32();
        }

        results[0] = Spawn(caller, a);
    }

    private static int Spawn(Caller caller, int[] a)
    {
        var ctx = Context(caller);
        var memory = ctx.GetMemory();
        if (!memory.IsValid(a[16], 4))
        {
            return Fault;
        }

        // Refuse oversized argv/env payloads before decoding them: a guest must not make the host allocate its memory.
        if (a[3] > ctx.Kernel.Limits.MaxProcessArgvBytes || a[5] > ctx.Kernel.Limits.MaxProcessEnvBytes)
        {
            return E(Errno.E2BIG);
        }

        if (!memory.TryReadString(a[0], a[1], out var exec) ||
            !TryReadStrings(memory, a[2], a[3], out var argv) ||
            !TryReadStrings(memory, a[4], a[5], out var envp) ||
            !TryReadString(memory, a[8], a[9], out var cwd))
        {
            return Fault;
        }

        var actionsErrno = TryReadActions(memory, a[6], a[7], out var actions);
        if (actionsErrno != Errno.Success)
        {
            return E(actionsErrno);
        }

        var request = new SpawnRequest(
            exec,
            argv,
            envp.Where(e => e.IndexOf('=', StringComparison.Ordinal) > 0).ToArray(),
            actions,
            cwd.Length == 0 ? null : cwd,
            (SpawnAttributes)a[10],
            ((ulong)(uint)a[12] << 32) | (uint)a[11],
            ((ulong)(uint)a[14] << 32) | (uint)a[13],
            a[15]);
        var errno = ctx.Kernel.Spawn(ctx.Process, request, out var pid);
        ctx.ThrowIfTerminated();
        if (errno != Errno.Success)
        {
            return E(errno);
        }

        ctx.GetMemory().TryWriteU32(a[16], (uint)pid);
        return 0;
    }

    private static int Exec(Caller caller, int exec, int execLen, int argv, int argvLen, int envp, int envpLen, int cloexec, int cloexecCount)
    {
        var ctx = Context(caller);
        var memory = ctx.GetMemory();
        if (cloexecCount < 0 || cloexecCount > MaxCloexecFds)
        {
            return E(Errno.E2BIG);
        }

        if (argvLen > ctx.Kernel.Limits.MaxProcessArgvBytes || envpLen > ctx.Kernel.Limits.MaxProcessEnvBytes)
        {
            return E(Errno.E2BIG);
        }

        if (!memory.TryReadString(exec, execLen, out var path) ||
            !TryReadStrings(memory, argv, argvLen, out var args) ||
            !TryReadStrings(memory, envp, envpLen, out var env) ||
            !memory.TrySlice(cloexec, cloexecCount * 4, out var fdBytes))
        {
            return Fault;
        }

        var fds = new int[cloexecCount];
        for (var i = 0; i < fds.Length; i++)
        {
            fds[i] = (int)BinaryPrimitives.ReadUInt32LittleEndian(fdBytes[(i * 4)..]);
        }

        var errno = ctx.Kernel.PrepareExec(ctx.Process, path, args, env.Where(e => e.IndexOf('=', StringComparison.Ordinal) > 0).ToArray(), fds, out var image);
        if (errno != Errno.Success)
        {
            return E(errno);
        }

        // Success never returns: unwind this instance; the executor starts the new image on the same thread.
        throw new GuestExecException(image);
    }

    private static int WaitPid(Caller caller, int pid, int options, int codeOut, int signalOut, int pidOut, int coreOut)
    {
        var ctx = Context(caller);
        var memory = ctx.GetMemory();
        if (!memory.IsValid(codeOut, 4) || !memory.IsValid(signalOut, 4) || !memory.IsValid(pidOut, 4) || !memory.IsValid(coreOut, 4))
        {
            return Fault;
        }

        if ((options & ~1) != 0)
        {
            return Inval;
        }

        var errno = ctx.Kernel.Wait(ctx.Process, pid, (options & 1) != 0 ? WaitOptions.NoHang : WaitOptions.None, out var result);
        ctx.ThrowIfTerminated();
        if (errno != Errno.Success)
        {
            return E(errno);
        }

        memory = ctx.GetMemory();
        memory.TryWriteU32(codeOut, (uint)result.Status.Code);
        memory.TryWriteU32(signalOut, (uint)result.Status.Signal);
        memory.TryWriteU32(pidOut, (uint)result.Pid);
        memory.TryWriteU32(coreOut, result.Status.CoreDumped ? 1u : 0u);
        return 0;
    }

    private static int SignalMask(Caller caller, int how, int lo, int hi, int oldLo, int oldHi)
    {
        var ctx = Context(caller);
        var memory = ctx.GetMemory();
        if (how is < 0 or > 3)
        {
            return Inval;
        }

        if (!memory.IsValid(oldLo, 4) || !memory.IsValid(oldHi, 4))
        {
            return Fault;
        }

        var set = ((ulong)(uint)hi << 32) | (uint)lo;
        var errno = ctx.Kernel.SignalMask(ctx.Process, (SigMaskHow)how, set, out var old);
        if (errno != Errno.Success)
        {
            return E(errno);
        }

        memory.TryWriteU32(oldLo, (uint)old);
        memory.TryWriteU32(oldHi, (uint)(old >> 32));
        return 0;
    }

    private static int GetPgid(Caller caller, int pid, int output)
    {
        var ctx = Context(caller);
        var memory = ctx.GetMemory();
        if (!memory.IsValid(output, 4))
        {
            return Fault;
        }

        var errno = ctx.Kernel.GetPgid(ctx.Process, pid, out var pgid);
        if (errno != Errno.Success)
        {
            return E(errno);
        }

        memory.TryWriteU32(output, (uint)pgid);
        return 0;
    }

    private static int Pipe(Caller caller, int readOut, int writeOut)
    {
        var ctx = Context(caller);
        var memory = ctx.GetMemory();
        if (!memory.IsValid(readOut, 4) || !memory.IsValid(writeOut, 4))
        {
            return Fault;
        }

        var errno = ctx.Kernel.Pipe(ctx.Process, out var readFd, out var writeFd);
        if (errno != Errno.Success)
        {
            return E(errno);
        }

        memory.TryWriteU32(readOut, (uint)readFd);
        memory.TryWriteU32(writeOut, (uint)writeFd);
        return 0;
    }

    private static int Dup(Caller caller, int fd, int min, int newOut)
    {
        var ctx = Context(caller);
        var memory = ctx.GetMemory();
        if (!memory.IsValid(newOut, 4))
        {
            return Fault;
        }

        var errno = ctx.Kernel.Dup(ctx.Process, fd, min, out var newFd);
        if (errno != Errno.Success)
        {
            return E(errno);
        }

        memory.TryWriteU32(newOut, (uint)newFd);
        return 0;
    }

    private static int GetFd(Caller caller, int fd, int output)
    {
        var ctx = Context(caller);
        var memory = ctx.GetMemory();
        if (!memory.IsValid(output, 4))
        {
            return Fault;
        }

        var errno = ctx.Kernel.GetFdFlags(ctx.Process, fd, out var flags);
        if (errno != Errno.Success)
        {
            return E(errno);
        }

        memory.TryWriteU32(output, (uint)flags);
        return 0;
    }

    private static int Sleep(Caller caller, int ms)
    {
        var ctx = Context(caller);
        var errno = ctx.Kernel.Sleep(ctx.Process, (uint)ms);
        ctx.ThrowIfTerminated();
        return E(errno);
    }

    private static int Umask(Caller caller, int mask, bool set, int oldOut)
    {
        var ctx = Context(caller);
        var memory = ctx.GetMemory();
        if (!memory.IsValid(oldOut, 4))
        {
            return Fault;
        }

        var old = ctx.Kernel.Umask(ctx.Process, set ? (uint)mask & 0x1FF : null);
        memory.TryWriteU32(oldOut, old);
        return 0;
    }

    private static int GetRLimit(Caller caller, int resource, int softOut, int hardOut)
    {
        var ctx = Context(caller);
        var memory = ctx.GetMemory();
        if (!memory.IsValid(softOut, 8) || !memory.IsValid(hardOut, 8))
        {
            return Fault;
        }

        var errno = ctx.Kernel.GetRLimit(ctx.Process, resource, out var soft, out var hard);
        if (errno != Errno.Success)
        {
            return E(errno);
        }

        memory.TryWriteU64(softOut, soft);
        memory.TryWriteU64(hardOut, hard);
        return 0;
    }

    private static bool TryReadString(GuestMemory memory, int address, int length, out string value)
    {
        if (length == 0)
        {
            value = string.Empty;
            return true;
        }

        return memory.TryReadString(address, length, out value);
    }

    /// <summary>Decodes a NUL-separated list ("a\0b\0"); an empty payload is an empty list.</summary>
    private static bool TryReadStrings(GuestMemory memory, int address, int length, out string[] values)
    {
        values = [];
        if (length == 0)
        {
            return true;
        }

        if (length < 0 || !memory.TrySlice(address, length, out var bytes))
        {
            return false;
        }

        var list = new List<string>();
        while (!bytes.IsEmpty)
        {
            var end = bytes.IndexOf((byte)0);
            var item = end < 0 ? bytes : bytes[..end];
            list.Add(Encoding.UTF8.GetString(item));
            bytes = end < 0 ? [] : bytes[(end + 1)..];
        }

        values = [.. list];
        return true;
    }

    /// <summary>Decodes posix_spawn file actions: 24-byte header {cmd, fd, src, oflag, mode, path_len} + path.</summary>
    private static Errno TryReadActions(GuestMemory memory, int address, int length, out SpawnFileAction[] actions)
    {
        actions = [];
        if (length == 0)
        {
            return Errno.Success;
        }

        if (length < 0 || !memory.TrySlice(address, length, out var bytes))
        {
            return Errno.EFAULT;
        }

        if (length > SpawnRequest.MaxFileActionBytes)
        {
            return Errno.E2BIG;
        }

        var list = new List<SpawnFileAction>();
        while (!bytes.IsEmpty)
        {
            if (bytes.Length < ActionHeaderSize || list.Count >= SpawnRequest.MaxFileActions)
            {
                return bytes.Length < ActionHeaderSize ? Errno.EINVAL : Errno.E2BIG;
            }

            var command = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
            var fd = BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]);
            var source = BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]);
            var oflag = BinaryPrimitives.ReadInt32LittleEndian(bytes[12..]);
            var mode = BinaryPrimitives.ReadUInt32LittleEndian(bytes[16..]);
            var pathLength = BinaryPrimitives.ReadUInt32LittleEndian(bytes[20..]);
            if (pathLength > (uint)(bytes.Length - ActionHeaderSize) || command is < 1 or > 6)
            {
                return Errno.EINVAL;
            }

            var path = Encoding.UTF8.GetString(bytes.Slice(ActionHeaderSize, (int)pathLength));
            list.Add(new SpawnFileAction((SpawnFileActionKind)command, fd, source, (OpenFlags)oflag, mode, path));
            bytes = bytes[(ActionHeaderSize + (int)pathLength)..];
        }

        actions = [.. list];
        return Errno.Success;
    }
}
