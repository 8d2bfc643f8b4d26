using AgentOs.Kernel.Limits;

namespace AgentOs.Kernel.Tests.Limits;

public sealed class LimitGaugeTests
{
    private readonly LimitRegistry _registry = new("vm-test");
    private readonly List<LimitWarning> _warnings = [];

    public LimitGaugeTests() => _registry.Warning += _warnings.Add;

    [Fact]
    public void WarningFiresOnceAtEightyPercentAndRearmsAtFifty()
    {
        var gauge = _registry.Register(LimitNames.OpenFds, LimitCategory.Resource, 10, "limits.resources.maxOpenFds");

        Assert.True(gauge.TryReserve(7));
        Assert.Empty(_warnings);

        Assert.True(gauge.TryReserve());
        var warning = Assert.Single(_warnings);
        Assert.Equal(new LimitWarning("vm_open_fds", LimitCategory.Resource, 8, 10, 80, "limits.resources.maxOpenFds"), warning);

        Assert.True(gauge.TryReserve());
        Assert.True(gauge.TryReserve());
        Assert.False(gauge.TryReserve());
        gauge.Release(3); // 7: still above 50%, stays quiet
        Assert.True(gauge.TryReserve()); // 8 again, but not re-armed
        Assert.Single(_warnings);

        gauge.Release(3); // 5 = 50%: re-armed
        Assert.Single(_warnings);
        Assert.True(gauge.TryReserve(3)); // 8 again
        Assert.Equal(2, _warnings.Count);
        Assert.Equal(8, _warnings[1].Observed);
    }

    [Fact]
    public void RejectedReservationChangesNothing()
    {
        var gauge = _registry.Register(LimitNames.Processes, LimitCategory.Resource, 4, "limits.resources.maxProcesses");
        Assert.True(gauge.TryReserve(3));

        Assert.False(gauge.TryReserve(2));

        Assert.Equal(3, gauge.Current);
        Assert.Equal(3, gauge.HighWater);
        Assert.True(gauge.TryReserve(1));
        Assert.Equal(4, gauge.Current);
    }

    [Fact]
    public void HighWaterKeepsThePeak()
    {
        var gauge = _registry.Register(LimitNames.Pipes, LimitCategory.Resource, 100, "limits.resources.maxPipes");
        Assert.True(gauge.TryReserve(60));
        gauge.Release(50);

        Assert.Equal(10, gauge.Current);
        Assert.Equal(60, gauge.HighWater);
        var usage = Assert.Single(_registry.Snapshot());
        Assert.Equal(new LimitUsage("vm_pipes", LimitCategory.Resource, 10, 60, 100, "limits.resources.maxPipes"), usage);
        Assert.Equal(10, usage.FillPercent);
    }

    [Fact]
    public void ReleasingMoreThanReservedIsAHostBug()
    {
        var gauge = _registry.Register(LimitNames.Sockets, LimitCategory.Resource, 4, "limits.resources.maxSockets");
        Assert.Throws<InvalidOperationException>(() => gauge.Release());
    }

    [Fact]
    public void QueueDepthSaturatesAtZeroAndWarnsLikeCaps()
    {
        var queue = _registry.Register("sidecar_stdout_frames", LimitCategory.Queue, 5, "limits.process.pendingEventCount");
        queue.Enqueued(4);
        var warning = Assert.Single(_warnings);
        Assert.Equal(LimitCategory.Queue, warning.Category);
        queue.Dequeued(10);
        Assert.Equal(0, queue.Current);
        Assert.Equal(4, queue.HighWater);
    }

    [Fact]
    public void ConcurrentReservationsNeverExceedTheCapAndWarnOnce()
    {
        var gauge = _registry.Register(LimitNames.Inodes, LimitCategory.Resource, 1000, "limits.resources.maxInodeCount");
        var granted = 0;
        Parallel.For(0, 4000, _ =>
        {
            if (gauge.TryReserve())
            {
                Interlocked.Increment(ref granted);
            }
        });

        Assert.Equal(1000, granted);
        Assert.Equal(1000, gauge.Current);
        Assert.Single(_warnings);
    }

    [Fact]
    public void AFailingSubscriberDoesNotStopOthers()
    {
        var registry = new LimitRegistry("vm-x");
        var seen = 0;
        registry.Warning += _ => throw new InvalidOperationException("boom");
        registry.Warning += _ => seen++;
        var gauge = registry.Register(LimitNames.Processes, LimitCategory.Resource, 1, "limits.resources.maxProcesses");

        Assert.True(gauge.TryReserve());

        Assert.Equal(1, seen);
    }

    [Fact]
    public void TwoRegistriesNeverShareABudget()
    {
        var a = new LimitRegistry("a").Register(LimitNames.Processes, LimitCategory.Resource, 2, "limits.resources.maxProcesses");
        var b = new LimitRegistry("b").Register(LimitNames.Processes, LimitCategory.Resource, 2, "limits.resources.maxProcesses");
        Assert.True(a.TryReserve(2));
        Assert.False(a.TryReserve());
        Assert.True(b.TryReserve(2));
    }
}
