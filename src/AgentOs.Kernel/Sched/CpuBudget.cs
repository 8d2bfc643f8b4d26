using System.Diagnostics;

namespace AgentOs.Kernel.Sched;

/// <summary>
/// A VM's CPU share (<c>limits.resources.maxCpuCores</c>), enforced like CFS bandwidth control: every
/// <see cref="Period"/> the VM's guest threads together may run <c>maxCpuCores × Period</c> of CPU time. The
/// executor charges each guest thread's real CPU time at every epoch tick; a thread that finds the VM over its
/// quota is parked until the period that repays the debt (overshoot carries over, so the long-run share holds).
/// </summary>
public sealed class CpuBudget
{
    /// <summary>The accounting period.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);

    private static readonly long PeriodTicks = (long)(Period.TotalSeconds * Stopwatch.Frequency);

    private readonly Lock _gate = new();
    private readonly long _quotaNs;

    // Guarded by _gate.
    private long _periodStart = Stopwatch.GetTimestamp();
    private long _debtNs;

    // Written under _gate, read anywhere.
    private long _totalNs;
    private long _throttledNs;

    /// <summary>Creates the budget of a VM allowed <paramref name="cores"/> cores' worth of CPU.</summary>
    public CpuBudget(double cores)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cores);
        Cores = cores;
        _quotaNs = Math.Max(1, (long)(cores * Period.TotalMilliseconds * 1_000_000));
    }

    /// <summary>The share, in cores.</summary>
    public double Cores { get; }

    /// <summary>CPU time charged by all the VM's guest threads so far.</summary>
    public TimeSpan Used => TimeSpan.FromTicks(Volatile.Read(ref _totalNs) / 100);

    /// <summary>Time guest threads spent parked because the VM was over its share.</summary>
    public TimeSpan Throttled => TimeSpan.FromTicks(Volatile.Read(ref _throttledNs) / 100);

    /// <summary>
    /// Charges <paramref name="nanoseconds"/> of CPU time and returns how long the charging thread must now wait
    /// (zero while the VM is within its share).
    /// </summary>
    public TimeSpan Charge(long nanoseconds)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            _totalNs += Math.Max(0, nanoseconds);
            Repay(now);
            _debtNs += Math.Max(0, nanoseconds);
            if (_debtNs <= _quotaNs)
            {
                return TimeSpan.Zero;
            }

            // Wait for the periods that bring the debt back within one quota.
            var periods = (_debtNs - 1) / _quotaNs;
            var until = _periodStart + (periods * PeriodTicks);
            return Stopwatch.GetElapsedTime(now, Math.Max(now, until));
        }
    }

    /// <summary>Records that a thread was parked for <paramref name="time"/>.</summary>
    public void AddThrottled(TimeSpan time) => Interlocked.Add(ref _throttledNs, time.Ticks * 100);

    private void Repay(long now)
    {
        var elapsed = (now - _periodStart) / PeriodTicks;
        if (elapsed <= 0)
        {
            return;
        }

        _periodStart += elapsed * PeriodTicks;
        _debtNs = elapsed >= long.MaxValue / _quotaNs ? 0 : Math.Max(0, _debtNs - (elapsed * _quotaNs));
    }
}
