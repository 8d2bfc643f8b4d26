using System.Reflection;
using System.Runtime.InteropServices;
using Wasmtime;

namespace AgentOs.Wasm.Engines;

/// <summary>
/// Config settings the .NET wrapper does not expose, set through the C API of the same native library the package
/// loads (<c>libwasmtime</c>, resolved from the package's runtimes/ folder).
/// </summary>
internal static partial class NativeConfig
{
    /// <summary>The C API's default async stack; a larger wasm stack makes <c>new Engine</c> abort the host.</summary>
    public const long DefaultAsyncStackBytes = 2L << 20;

    private static readonly PropertyInfo? HandleProperty =
        typeof(Config).GetProperty("NativeHandle", BindingFlags.Instance | BindingFlags.NonPublic);

    /// <summary>
    /// Sets the async stack size. Wasmtime requires max wasm stack ≤ async stack even when async is unused, and its
    /// C API panics (process abort, nothing to catch) instead of returning an error, so this must run before
    /// <see cref="Config.WithMaximumStackSize"/> for any budget above <see cref="DefaultAsyncStackBytes"/>.
    /// </summary>
    public static void SetAsyncStackSize(Config config, long bytes)
    {
        if (HandleProperty?.GetValue(config) is not SafeHandle handle)
        {
            // Refuse rather than let the engine abort the host later.
            throw new NotSupportedException(
                "This Wasmtime package no longer exposes Config.NativeHandle; wasm stacks above 2 MiB are unavailable.");
        }

        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            SetAsyncStackSizeNative(handle.DangerousGetHandle(), checked((nuint)bytes));
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    [LibraryImport("wasmtime", EntryPoint = "wasmtime_config_async_stack_size_set")]
    private static partial void SetAsyncStackSizeNative(IntPtr config, nuint size);
}
