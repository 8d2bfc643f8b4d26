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

    /// <summary>The runtime; the first call fixes its module cache (<c>&lt;cacheRoot&gt;/modules</c>, or the default).</summary>
    public static WasmRuntime Get(string? cacheRoot, ILoggerFactory? loggerFactory)
    {
        lock (Gate)
        {
            return _runtime ??= new WasmRuntime(cacheRoot is null ? null : Path.Combine(cacheRoot, "modules"), loggerFactory);
        }
    }
}
