using System.Diagnostics;
using System.Runtime.InteropServices;

namespace AgentOs.Wasm.Runtime;

/// <summary>
/// The calling thread's CPU time (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>), so a guest is charged for the CPU it used,
/// not for the time it was descheduled. Falls back to wall time where the clock is unavailable.
/// </summary>
internal static partial class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;
    private static readonly bool Available = OperatingSystem.IsLinux() && Probe();

    /// <summary>Nanoseconds of CPU time the calling thread has used (or a wall-clock reading on other systems).</summary>
    public static long NowNs()
    {
        if (Available && ClockGetTime(ClockThreadCpuTimeId, out var time) == 0)
        {
            return (time.Seconds * 1_000_000_000) + time.Nanoseconds;
        }

        return (long)(Stopwatch.GetTimestamp() * (1_000_000_000.0 / Stopwatch.Frequency));
    }

    private static bool Probe()
    {
        try
        {
            return ClockGetTime(ClockThreadCpuTimeId, out _) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
