using System.Numerics;

namespace AgentOs.Wasm.Engines;

/// <summary>Rounds stack budgets to a few classes so the host needs only a handful of engines.</summary>
internal static class StackClass
{
    /// <summary>The smallest class; smaller budgets round up to it.</summary>
    public const long MinBytes = 64L << 10;

    /// <summary>The largest class: Wasmtime takes the size as an <see cref="int"/>.</summary>
    public const long MaxBytes = 1L << 30;

    /// <summary>Host stack a guest thread gets beyond its wasm budget, for the host calls made at full depth.</summary>
    public const long HostReserveBytes = 2L << 20;

    /// <summary>The class of <paramref name="requestedBytes"/>: the next power of two, at least <see cref="MinBytes"/>.</summary>
    public static long RoundUp(long requestedBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requestedBytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(requestedBytes, MaxBytes);
        return Math.Max(MinBytes, (long)BitOperations.RoundUpToPowerOf2((ulong)requestedBytes));
    }
}
