using AgentOs.Kernel;
using AgentOs.Wasm.Runtime;
using Wasmtime;
using static AgentOs.Wasm.Abi.WasiFdImports;
using static AgentOs.Wasm.Abi.WasiTypes;

namespace AgentOs.Wasm.Abi;

/// <summary>
/// The <c>host_tty</c> module (spec §2.7): the line editor's raw input (<c>read</c>) and raw mode on the terminal at
/// fd 0, <c>isatty</c>, and the newer size, foreground-group and session calls on any descriptor. The newer calls'
/// layouts are not in the spec's inventory beyond their core signatures; they take the descriptor first and write
/// 32-bit little-endian values (<c>get_size(fd, cols_out, rows_out)</c>, <c>set_size(fd, cols, rows)</c>,
/// <c>get_pgrp(fd, pgid_out)</c>, <c>set_pgrp(fd, pgid)</c>, <c>get_sid(fd, sid_out)</c>). <c>get_attr</c>/<c>set_attr</c>
/// (a termios layout the spec does not give) stay ENOSYS.
/// </summary>
internal static class HostTtyImports
{
    private const string Module = "host_tty";

    public static void Define(Linker linker)
    {
        linker.DefineFunction(Module, "read", HostCallbackGuard.Guard(Module + ".read", (Caller c, int buffer, int length, int timeoutMs) => Read(c, buffer, length, timeoutMs)));
        linker.DefineFunction(Module, "set_raw_mode", HostCallbackGuard.Guard(Module + ".set_raw_mode", (Caller c, int enabled) =>
            E(Context(c).Kernel.SetRawMode(Context(c).Process, enabled != 0))));
        linker.DefineFunction(Module, "isatty", HostCallbackGuard.Guard(Module + ".isatty", (Caller c, int fd) =>
            Context(c).Kernel.IsATty(Context(c).Process, fd, out var tty) == Errno.Success && tty ? 1 : 0));
        linker.DefineFunction(Module, "get_size", HostCallbackGuard.Guard(Module + ".get_size", (Caller c, int fd, int columnsOut, int rowsOut) => GetSize(c, fd, columnsOut, rowsOut)));
        linker.DefineFunction(Module, "set_size", HostCallbackGuard.Guard(Module + ".set_size", (Caller c, int fd, int columns, int rows) =>
            E(Context(c).Kernel.TtySetSize(Context(c).Process, fd, columns, rows))));
        linker.DefineFunction(Module, "get_pgrp", HostCallbackGuard.Guard(Module + ".get_pgrp", (Caller c, int fd, int pgidOut) =>
            WriteValue(c, pgidOut, Context(c).Kernel.TtyGetForegroundGroup(Context(c).Process, fd, out var pgid), pgid)));
        linker.DefineFunction(Module, "set_pgrp", HostCallbackGuard.Guard(Module + ".set_pgrp", (Caller c, int fd, int pgid) =>
            E(Context(c).Kernel.TtySetForegroundGroup(Context(c).Process, fd, pgid))));
        linker.DefineFunction(Module, "get_sid", HostCallbackGuard.Guard(Module + ".get_sid", (Caller c, int fd, int sidOut) =>
            WriteValue(c, sidOut, Context(c).Kernel.TtyGetSession(Context(c).Process, fd, out var sid), sid)));
    }

    // read → byte count; 0 for timeout, end of file or any error (§2.7). 0xFFFFFFFF (-1) waits without a deadline.
    private static int Read(Caller caller, int buffer, int length, int timeoutMs)
    {
        if (length <= 0)
        {
            return 0;
        }

        var ctx = Context(caller);
        if (!ctx.GetMemory().TrySlice(buffer, length, out var span))
        {
            return 0;
        }

        var errno = ctx.Kernel.TtyRead(ctx.Process, span, timeoutMs, out var read);
        return errno == Errno.Success ? read : 0;
    }

    private static int GetSize(Caller caller, int fd, int columnsOut, int rowsOut)
    {
        var ctx = Context(caller);
        var memory = ctx.GetMemory();
        if (!memory.IsValid(columnsOut, 4) || !memory.IsValid(rowsOut, 4))
        {
            return Fault;
        }

        var errno = ctx.Kernel.TtyGetSize(ctx.Process, fd, out var columns, out var rows);
        if (errno == Errno.Success)
        {
            memory.TryWriteU32(columnsOut, (uint)columns);
            memory.TryWriteU32(rowsOut, (uint)rows);
        }

        return E(errno);
    }

    private static int WriteValue(Caller caller, int output, Errno errno, int value)
    {
        if (errno != Errno.Success)
        {
            return E(errno);
        }

        return Context(caller).GetMemory().TryWriteU32(output, (uint)value) ? 0 : Fault;
    }
}
