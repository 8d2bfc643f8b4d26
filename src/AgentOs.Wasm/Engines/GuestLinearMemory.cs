using System.Runtime.InteropServices;
using AgentOs.Kernel.Limits;

namespace AgentOs.Wasm.Engines;

/// <summary>
/// One guest linear memory placed by <see cref="HostMemoryCreator"/>: a reservation of address space that is
/// inaccessible except for the first <see cref="ByteSize"/> bytes, each byte of which is charged to the VM's
/// <c>vm_memory_bytes</c> gauge (when it has one) before it becomes accessible.
/// </summary>
internal sealed unsafe partial class GuestLinearMemory
{
    private const int ProtNone = 0;
    private const int ProtReadWrite = 3;
    private const int MapPrivateAnonymousNoReserve = 0x02 | 0x20 | 0x4000;

    private readonly LimitGauge? _budget;
    private nuint _mappedBytes;

    private GuestLinearMemory(byte* address, nuint mappedBytes, nuint capacity, LimitGauge? budget)
    {
        Base = address;
        _mappedBytes = mappedBytes;
        Capacity = capacity;
        _budget = budget;
    }

    /// <summary>The memory's first byte; never moves.</summary>
    public byte* Base { get; }

    /// <summary>Accessible (and charged) bytes.</summary>
    public nuint ByteSize { get; private set; }

    /// <summary>The most the memory may grow to in place.</summary>
    public nuint Capacity { get; }

    /// <summary>
    /// Reserves <paramref name="reserved"/> + <paramref name="guard"/> bytes of address space and makes the first
    /// <paramref name="minimum"/> accessible; null (nothing left behind) when the budget refuses them or the host is
    /// out of address space.
    /// </summary>
    public static GuestLinearMemory? TryCreate(nuint minimum, nuint reserved, nuint guard, LimitGauge? budget, out string? error)
    {
        error = null;
        var capacity = reserved == 0 ? minimum : reserved;
        if (minimum > capacity)
        {
            error = "the memory's minimum exceeds its reservation";
            return null;
        }

        var total = capacity + guard;
        var address = Mmap(null, total, ProtNone, MapPrivateAnonymousNoReserve, -1, 0);
        if (address == (void*)-1)
        {
            error = $"cannot reserve {total} bytes of address space";
            return null;
        }

        var memory = new GuestLinearMemory((byte*)address, total, capacity, budget);
        if (!memory.TryGrow(minimum, out error))
        {
            memory.Free();
            return null;
        }

        return memory;
    }

    /// <summary>Makes the memory <paramref name="newSize"/> bytes long; false (unchanged) when refused.</summary>
    public bool TryGrow(nuint newSize, out string? error)
    {
        error = null;
        if (newSize <= ByteSize)
        {
            return true;
        }

        if (newSize > Capacity)
        {
            error = "the memory cannot grow past its reservation";
            return false;
        }

        var delta = newSize - ByteSize;
        if (_budget is not null && !_budget.TryReserve((long)delta))
        {
            error = $"{_budget.ConfigPath} ({_budget.Capacity} bytes) is reached";
            return false;
        }

        if (Mprotect(Base + ByteSize, delta, ProtReadWrite) != 0)
        {
            _budget?.Release((long)delta);
            error = "the host refused to commit memory";
            return false;
        }

        ByteSize = newSize;
        return true;
    }

    /// <summary>Unmaps the memory and returns its bytes to the budget.</summary>
    public void Free()
    {
        if (_mappedBytes == 0)
        {
            return;
        }

        _ = Munmap(Base, _mappedBytes);
        _mappedBytes = 0;
        _budget?.Release((long)ByteSize);
        ByteSize = 0;
    }

    [LibraryImport("libc", EntryPoint = "mmap")]
    private static partial void* Mmap(void* address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "mprotect")]
    private static partial int Mprotect(void* address, nuint length, int protection);

    [LibraryImport("libc", EntryPoint = "munmap")]
    private static partial int Munmap(void* address, nuint length);
}
