using AgentOs.Kernel.Sched;

namespace AgentOs.Kernel.Tests.Sched;

public sealed class CpuBudgetTests
{
    [Fact]
    public void WithinTheShareNothingWaits()
    {
        var budget = new CpuBudget(1);

        Assert.Equal(TimeSpan.Zero, budget.Charge(10_000_000));
        Assert.Equal(TimeSpan.Zero, budget.Charge(80_000_000));
        Assert.Equal(TimeSpan.FromMilliseconds(90), budget.Used);
    }

    [Fact]
    public void OverTheShareTheThreadWaitsForThePeriodsThatRepayTheDebt()
    {
        var budget = new CpuBudget(0.5); // 50 ms of CPU per 100 ms period

        var wait = budget.Charge(260_000_000); // five and a bit quotas

        // The debt is back within one quota only after at least four more period boundaries.
        Assert.True(wait > TimeSpan.FromMilliseconds(300), wait.ToString());
        Assert.True(wait <= TimeSpan.FromMilliseconds(500), wait.ToString());
    }

    [Fact]
    public void NegativeChargesAreIgnored()
    {
        var budget = new CpuBudget(2);

        Assert.Equal(TimeSpan.Zero, budget.Charge(-5));
        Assert.Equal(TimeSpan.Zero, budget.Used);
    }
}
