using AgentOs.Wasm.Engines;
using AgentOs.Wasm.Runtime;
using Wasmtime;

namespace AgentOs.Wasm.Tests;

public sealed class StackBudgetTests
{
    [Theory]
    [InlineData(64L << 10)]
    [InlineData(1L << 20)]
    [InlineData(4L << 20)]
    [InlineData(16L << 20)]
    public void DeepRecursionTrapsAsStackOverflowNamingTheLimit(long budget)
    {
        var outcome = Guest.Run(Guest.Recursion(100_000_000), budget);

        Assert.Equal(GuestOutcomeKind.Trapped, outcome.Kind);
        Assert.Equal(TrapCode.StackOverflow, outcome.Trap);
        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal(
            $"WebAssembly guest exhausted its configured stack budget ({budget} bytes); raise limits.resources.maxWasmStackBytes to allow deeper guest call stacks",
            outcome.Message);
    }

    [Fact]
    public void RecursionThatNeedsMoreThanOneMebibyteSucceedsUnderFour()
    {
        // ~3.2 MB of wasm stack: beyond the C API's default 2 MiB, so the raised async stack is real.
        var wat = Guest.Recursion(100_000);

        Assert.Equal(GuestOutcomeKind.Trapped, Guest.Run(wat, 1L << 20).Kind);
        Assert.Equal(GuestOutcomeKind.Trapped, Guest.Run(wat, 2L << 20).Kind);
        Assert.Equal(GuestOutcomeKind.Returned, Guest.Run(wat, 4L << 20).Kind);
    }

    [Theory]
    [InlineData(1, 64L << 10)]
    [InlineData(16L << 10, 64L << 10)]
    [InlineData(64L << 10, 64L << 10)]
    [InlineData((64L << 10) + 1, 128L << 10)]
    [InlineData(3L << 20, 4L << 20)]
    public void BudgetsRoundUpToPowerOfTwoClasses(long requested, long expected)
    {
        Assert.Equal(expected, StackClass.RoundUp(requested));
    }

    [Fact]
    public void EqualClassesShareOneEngineAndThreadsLeaveHostRoom()
    {
        var engine = TestEngines.Provider.Get(3L << 20);

        Assert.Same(engine, TestEngines.Provider.Get(4L << 20));
        Assert.Equal(4L << 20, engine.MaxWasmStackBytes);
        Assert.True(engine.ThreadStackBytes >= engine.MaxWasmStackBytes + (1L << 20));
    }
}
