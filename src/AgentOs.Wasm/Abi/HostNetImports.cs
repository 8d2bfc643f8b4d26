using AgentOs.Kernel;
using AgentOs.Kernel.Fds;
using Wasmtime;
using static AgentOs.Wasm.Abi.WasiFdImports;
using static AgentOs.Wasm.Abi.WasiTypes;

namespace AgentOs.Wasm.Abi;

/// <summary>
/// The <c>host_net</c> module. wasi-libc routes every read()/write() through net_recv/net_send first and falls
/// back to fd_read/fd_write on EBADF (spec §2.3), so for any descriptor that is not a socket these must answer
/// EBADF without touching guest memory. The kernel has no sockets yet: the rest of the module is ENOSYS.
/// </summary>
internal static class HostNetImports
{
    private const string Module = "host_net";

    public static void Define(Linker linker)
    {
        linker.DefineFunction(Module, "net_send", (Caller c, int fd, int buffer, int length, int flags, int sentOut) => NotASocket(c, fd));
        linker.DefineFunction(Module, "net_recv", (Caller c, int fd, int buffer, int length, int flags, int receivedOut) => NotASocket(c, fd));
    }

    private static int NotASocket(Caller caller, int fd)
    {
        var ctx = Context(caller);
        var errno = ctx.Kernel.GetFile(ctx.Process, fd, out var file);
        return errno == Errno.Success && file.FileType is FileType.SocketStream or FileType.SocketDatagram
            ? E(Errno.ENOSYS)
            : BadF;
    }
}
