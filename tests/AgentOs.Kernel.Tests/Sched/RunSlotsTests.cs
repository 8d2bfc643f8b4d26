using AgentOs.Kernel.Sched;

namespace AgentOs.Kernel.Tests.Sched;

public sealed class RunSlotsTests
{
    [Fact]
    public async Task WaitersGetSlotsInArrivalOrder()
    {
        var slots = new RunSlots(1);
        Assert.True(slots.Acquire(CancellationToken.None));
        var order = new List<int>();
        var first = Task.Run(() => { Assert.True(slots.Acquire(CancellationToken.None)); lock (order) { order.Add(1); } });
        await WaitUntilAsync(() => slots.HasWaiters);
        var second = Task.Run(() => { Assert.True(slots.Acquire(CancellationToken.None)); lock (order) { order.Add(2); } });
        await Task.Delay(50);

        slots.Release();
        await first;
        Assert.Equal([1], order);
        Assert.Equal(1, slots.Held);
        slots.Release();
        await second;
        slots.Release();

        Assert.Equal([1, 2], order);
        Assert.Equal(0, slots.Held);
        Assert.False(slots.HasWaiters);
    }

    [Fact]
    public async Task ACancelledWaiterLeavesTheQueueHoldingNothing()
    {
        var slots = new RunSlots(2);
        Assert.True(slots.Acquire(CancellationToken.None));
        Assert.True(slots.Acquire(CancellationToken.None));
        using var kill = new CancellationTokenSource();
        var waiting = Task.Run(() => slots.Acquire(kill.Token));
        await WaitUntilAsync(() => slots.HasWaiters);

        await kill.CancelAsync();

        Assert.False(await waiting);
        Assert.False(slots.HasWaiters);
        slots.Release();
        slots.Release();
        Assert.Equal(0, slots.Held);
        Assert.Throws<InvalidOperationException>(slots.Release);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(5, timeout.Token);
        }
    }
}
