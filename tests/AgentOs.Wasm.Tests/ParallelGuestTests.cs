using AgentOs.Wasm.Runtime;

namespace AgentOs.Wasm.Tests;

public sealed class ParallelGuestTests
{
    [Fact]
    public void GuestsRunInParallelOnTheirOwnThreadsAndStacks()
    {
        var results = new int[8];
        var threads = new int[8];
        var guests = Enumerable.Range(0, 8).Select(i => Guest.Start(
            """
            (module
              (import "env" "report" (func $report (param i32)))
              (func $f (param i32) (result i32)
                (if (result i32) (i32.eqz (local.get 0))
                  (then (i32.const 0))
                  (else (i32.add (call $f (i32.sub (local.get 0) (i32.const 1))) (i32.const 1)))))
              (func (export "_start") (call $report (call $f (i32.const 100000)))))
            """,
            stackBytes: i % 2 == 0 ? 4L << 20 : 16L << 20,
            define: l => l.DefineFunction("env", "report", (int value) =>
            {
                results[i] = value;
                threads[i] = Environment.CurrentManagedThreadId;
            }))).ToList();

        var outcomes = guests.Select(g => g.Join(TimeSpan.FromSeconds(60))).ToList();

        Assert.All(outcomes, o => Assert.Equal(GuestOutcomeKind.Returned, o?.Kind));
        Assert.All(results, r => Assert.Equal(100_000, r));
        Assert.Equal(8, threads.Distinct().Count());
    }
}
