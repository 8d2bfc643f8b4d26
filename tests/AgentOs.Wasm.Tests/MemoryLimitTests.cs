using AgentOs.Wasm.Runtime;

namespace AgentOs.Wasm.Tests;

public sealed class MemoryLimitTests
{
    [Fact]
    public void MemoryGrowBeyondTheCapReturnsMinusOne()
    {
        var results = new List<int>();
        var outcome = Guest.Run(
            """
            (module
              (import "env" "report" (func $report (param i32)))
              (memory 1)
              (func (export "_start")
                (call $report (memory.grow (i32.const 1)))
                (call $report (memory.grow (i32.const 1)))
                (call $report (memory.size))))
            """,
            define: l => l.DefineFunction("env", "report", (int value) => results.Add(value)),
            memoryBytes: 2 * 65536);

        Assert.Equal(GuestOutcomeKind.Returned, outcome.Kind);
        Assert.Equal([1, -1, 2], results);
    }

    [Fact]
    public void InitialMemoryAboveTheCapFailsToStartCleanly()
    {
        var outcome = Guest.Run("(module (memory 4) (func (export \"_start\")))", memoryBytes: 2 * 65536);

        Assert.Equal(GuestOutcomeKind.StartFailed, outcome.Kind);
        Assert.Equal(1, outcome.ExitCode);
        Assert.StartsWith("agentos: cannot start WebAssembly guest", outcome.Message, StringComparison.Ordinal);
    }
}
