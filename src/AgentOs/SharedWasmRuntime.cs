using AgentOs.Wasm;
using Microsoft.Extensions.Logging;

namespace AgentOs;

/// <summary>
/// The one <see cref="WasmRuntime"/> of the host process (engines, linkers, compiled modules), created by the first
/// VM and shared by every later one; it lives as long as the process.
/// </summary>
internal static class SharedWasmRuntime
{
    private static readonly Lock Gate = new();
    private static WasmRuntime? _runtime;

    /// <summary>The runtime; the first call fixes its module cache (<c>&lt;cacheRoot&gt;/modules</c>, or the default),
    /// and the first logger factory given receives its warnings.</summary>
    public static WasmRuntime Get(string? cacheRoot, ILoggerFactory? loggerFactory)
    {
        lock (Gate)
        {
            if (_runtime is null)
            {
                _runtime = new WasmRuntime(cacheRoot is null ? null : Path.Combine(cacheRoot, "modules"), loggerFactory);
            }
            else if (loggerFactory is not null)
            {
                _runtime.AttachLoggerFactory(loggerFactory);
            }

            return _runtime;
        }
    }

    /// <summary>
    /// Starts setting up the runtime (default module cache) with the engine and ABI linker for
    /// <paramref name="maxWasmStackBytes"/> on the thread pool, for a caller that knows a VM with the default cache
    /// follows and has other start-up work to overlap it with (the CLI, while it parses its command line). A failure
    /// here is left to the VM, which meets it again and reports it. The process-wide meter follows (its first creation
    /// builds the runtime's metrics EventSource, ~7 ms), for VMs created without a meter factory, and then a rehearsed
    /// spawn and exit of a minimal guest, which compiles the native-call stubs the first real guest needs.
    /// </summary>
    public static void WarmUp(long maxWasmStackBytes) =>
        _ = Task.Run(() =>
        {
            var runtime = Get(null, null);
            runtime.Prepare(maxWasmStackBytes);
            AgentOsMetrics.For(null);
            runtime.RehearseSpawn(maxWasmStackBytes);
        });
}
