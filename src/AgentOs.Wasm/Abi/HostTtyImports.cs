using AgentOs.Kernel;
using AgentOs.Wasm.Runtime;
using Wasmtime;
using static AgentOs.Wasm.Abi.WasiFdImports;
using static AgentOs.Wasm.Abi.WasiTypes;

namespace AgentOs.Wasm.Abi;

/// <summary>
/// The <c>host_tty</c> module. The VM has no PTYs yet, so every descriptor is "not a terminal": the shell then
/// stays non-interactive, which is what it must do on pipes.
/// </summary>
internal static class HostTtyImports
{
    private const string Module = "host_tty";

    public static void Define(Linker linker)
    {
        // read → byte count, 0 for timeout/EOF/error; there is no controlling terminal to read from.
        linker.DefineFunction(Module, "read", HostCallbackGuard.Guard(Module + ".read", (Caller _, int buffer, int length, int timeoutMs) => 0));
        linker.DefineFunction(Module, "set_raw_mode", HostCallbackGuard.Guard(Module + ".set_raw_mode", (Caller _, int enabled) => E(Errno.ENOTTY)));
        linker.DefineFunction(Module, "isatty", HostCallbackGuard.Guard(Module + ".isatty", (Caller c, int fd) =>
            Context(c).Kernel.IsATty(Context(c).Process, fd, out var tty) == Errno.Success && tty ? 1 : 0));
    }
}
