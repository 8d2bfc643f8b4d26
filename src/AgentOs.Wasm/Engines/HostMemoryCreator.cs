using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AgentOs.Kernel.Limits;
using Wasmtime;

namespace AgentOs.Wasm.Engines;

/// <summary>
/// Places every guest linear memory itself (Wasmtime's C-API memory creator), so that each <c>memory.grow</c> is
/// charged to the VM-wide <c>limits.resources.maxMemoryBytes</c> at the moment it happens: past the budget the grow
/// fails and the guest's malloc returns NULL, with no false refusal while the VM has room. Wasmtime has no other
/// per-grow hook (its store limiter is a fixed number per store). The VM comes from the thread: a guest's memories
/// are created while it instantiates on its own thread, which sets <see cref="CurrentBudget"/> first.
/// </summary>
/// <remarks>The callbacks run inside Wasmtime's native frames: they catch everything and report failures as
/// Wasmtime errors. A custom memory creator works only with the on-demand instance allocator.</remarks>
internal static unsafe partial class HostMemoryCreator
{
    private static readonly PropertyInfo? HandleProperty =
        typeof(Config).GetProperty("NativeHandle", BindingFlags.Instance | BindingFlags.NonPublic);

    /// <summary>The <c>vm_memory_bytes</c> gauge of the guest instantiating on this thread; null: uncharged.</summary>
    [field: ThreadStatic]
    public static LimitGauge? CurrentBudget { get; set; }

    /// <summary>Makes engines built from <paramref name="config"/> place their memories here.</summary>
    public static void Install(Config config)
    {
        if (HandleProperty?.GetValue(config) is not SafeHandle handle)
        {
            throw new NotSupportedException("This Wasmtime package no longer exposes Config.NativeHandle; the VM memory budget cannot be enforced.");
        }

        var creator = new MemoryCreator
        {
            Env = null,
            NewMemory = (IntPtr)(delegate* unmanaged[Cdecl]<IntPtr, IntPtr, nuint, nuint, nuint, nuint, LinearMemory*, IntPtr>)&NewMemory,
            Finalizer = IntPtr.Zero,
        };
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            SetMemoryCreator(handle.DangerousGetHandle(), &creator);

            // Copy-on-write initial images are for Wasmtime's own mmap memories; ours get the data copied in.
            SetMemoryInitCow(handle.DangerousGetHandle(), false);
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static IntPtr NewMemory(IntPtr env, IntPtr type, nuint minimum, nuint maximum, nuint reserved, nuint guard, LinearMemory* result)
    {
        try
        {
            var memory = GuestLinearMemory.TryCreate(minimum, reserved, guard, CurrentBudget, out var error);
            if (memory is null)
            {
                return NewError($"cannot create the guest's linear memory: {error}");
            }

            result->Env = GCHandle.ToIntPtr(GCHandle.Alloc(memory));
            result->GetMemory = (IntPtr)(delegate* unmanaged[Cdecl]<IntPtr, nuint*, nuint*, byte*>)&GetMemory;
            result->GrowMemory = (IntPtr)(delegate* unmanaged[Cdecl]<IntPtr, nuint, IntPtr>)&GrowMemory;
            result->Finalizer = (IntPtr)(delegate* unmanaged[Cdecl]<IntPtr, void>)&FreeMemory;
            return IntPtr.Zero;
        }
        catch (Exception e)
        {
            return NewError("cannot create the guest's linear memory: " + e.Message);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static byte* GetMemory(IntPtr env, nuint* byteSize, nuint* maximumByteSize)
    {
        var memory = (GuestLinearMemory)GCHandle.FromIntPtr(env).Target!;
        *byteSize = memory.ByteSize;
        *maximumByteSize = memory.Capacity;
        return memory.Base;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static IntPtr GrowMemory(IntPtr env, nuint newSize)
    {
        try
        {
            var memory = (GuestLinearMemory)GCHandle.FromIntPtr(env).Target!;
            return memory.TryGrow(newSize, out var error) ? IntPtr.Zero : NewError("memory.grow refused: " + error);
        }
        catch (Exception e)
        {
            return NewError("memory.grow failed: " + e.Message);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void FreeMemory(IntPtr env)
    {
        try
        {
            var handle = GCHandle.FromIntPtr(env);
            ((GuestLinearMemory)handle.Target!).Free();
            handle.Free();
        }
        catch (Exception)
        {
            // Nothing may unwind into Wasmtime; a leak of one reservation is the worst outcome.
        }
    }

    [LibraryImport("wasmtime", EntryPoint = "wasmtime_config_host_memory_creator_set")]
    private static partial void SetMemoryCreator(IntPtr config, MemoryCreator* creator);

    [LibraryImport("wasmtime", EntryPoint = "wasmtime_config_memory_init_cow_set")]
    private static partial void SetMemoryInitCow(IntPtr config, [MarshalAs(UnmanagedType.U1)] bool enable);

    [LibraryImport("wasmtime", EntryPoint = "wasmtime_error_new", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr NewError(string message);

    [StructLayout(LayoutKind.Sequential)]
    private struct MemoryCreator
    {
        public void* Env;
        public IntPtr NewMemory;
        public IntPtr Finalizer;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct LinearMemory
    {
        public IntPtr Env;
        public IntPtr GetMemory;
        public IntPtr GrowMemory;
        public IntPtr Finalizer;
    }
}
