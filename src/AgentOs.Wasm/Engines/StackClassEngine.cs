using Wasmtime;

namespace AgentOs.Wasm.Engines;

/// <summary>
/// The engine of one stack-size class. Compiled modules are bound to it; guests of this class run on threads of
/// <see cref="ThreadStackBytes"/>. Counts pool slots so exhaustion is an ordinary "try" failure (EAGAIN for the
/// spawner) instead of a Wasmtime error at instantiation.
/// </summary>
internal sealed class StackClassEngine : IDisposable
{
    private readonly int _poolSlots;
    private int _slotsInUse;

    internal StackClassEngine(Engine engine, long maxWasmStackBytes, int poolSlots)
    {
        Engine = engine;
        MaxWasmStackBytes = maxWasmStackBytes;
        _poolSlots = poolSlots;
    }

    /// <summary>The Wasmtime engine.</summary>
    public Engine Engine { get; }

    /// <summary>The wasm stack budget of this class (a power of two).</summary>
    public long MaxWasmStackBytes { get; }

    /// <summary>The native stack a guest thread needs: the wasm budget plus room for host calls at full depth.</summary>
    public int ThreadStackBytes => checked((int)(MaxWasmStackBytes + StackClass.HostReserveBytes));

    /// <summary>Guest instances currently holding a pool slot.</summary>
    public int SlotsInUse => Volatile.Read(ref _slotsInUse);

    /// <summary>Takes one instance slot; false when the pool is full. Unbounded with the on-demand allocator.</summary>
    public bool TryAcquireSlot()
    {
        var used = Interlocked.Increment(ref _slotsInUse);
        if (_poolSlots > 0 && used > _poolSlots)
        {
            Interlocked.Decrement(ref _slotsInUse);
            return false;
        }

        return true;
    }

    /// <summary>Returns a slot taken by <see cref="TryAcquireSlot"/>.</summary>
    public void ReleaseSlot()
    {
        if (Interlocked.Decrement(ref _slotsInUse) < 0)
        {
            throw new InvalidOperationException("Pool slot released more often than acquired.");
        }
    }

    /// <inheritdoc/>
    public void Dispose() => Engine.Dispose();
}
