using AgentOs.Kernel.Limits;

namespace AgentOs;

/// <summary>What one VM claimed of an <see cref="AgentOsHost"/>'s totals; disposing gives it back, once.</summary>
internal sealed class HostClaim(LimitGauge? memoryGauge, long cpu, long memory, LimitGauge? cpuGauge) : IDisposable
{
    private int _released;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            memoryGauge?.Release(memory);
            cpuGauge?.Release(cpu);
        }
    }
}
