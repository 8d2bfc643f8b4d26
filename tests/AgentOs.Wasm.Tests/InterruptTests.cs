using System.Diagnostics;
using AgentOs.Wasm.Runtime;

namespace AgentOs.Wasm.Tests;

public sealed class InterruptTests
{
    private const string SpinningGuest = """
        (module
          (import "env" "started" (func $started))
          (func (export "_start") (call $started) (loop $l (br $l))))
        """;

    [Fact]
    public void RequestInterruptEndsATightLoopPromptly()
    {
        using var started = new ManualResetEventSlim();
        var guest = Guest.Start(SpinningGuest, define: l => l.DefineFunction("env", "started", () => started.Set()));
        Assert.True(started.Wait(TimeSpan.FromSeconds(30)));

        var clock = Stopwatch.StartNew();
        guest.RequestInterrupt();
        var outcome = guest.Join(TimeSpan.FromSeconds(30));

        Assert.NotNull(outcome);
        Assert.Equal(GuestOutcomeKind.Interrupted, outcome.Kind);
        Assert.True(clock.ElapsedMilliseconds < 1000, $"took {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void CancellingTheKillTokenEndsATightLoop()
    {
        using var started = new ManualResetEventSlim();
        using var kill = new CancellationTokenSource();
        var guest = Guest.Start(SpinningGuest, define: l => l.DefineFunction("env", "started", () => started.Set()), kill: kill.Token);
        Assert.True(started.Wait(TimeSpan.FromSeconds(30)));

        kill.Cancel();

        Assert.Equal(GuestOutcomeKind.Interrupted, guest.Join(TimeSpan.FromSeconds(30))?.Kind);
    }

    [Fact]
    public void AnUninterruptedGuestKeepsRunningAcrossManyEpochTicks()
    {
        // 50M iterations take far longer than one 10 ms tick: the deadline callback must keep extending it.
        var outcome = Guest.Run("""
            (module
              (func (export "_start") (local i32)
                (local.set 0 (i32.const 50000000))
                (loop $l (local.set 0 (i32.sub (local.get 0) (i32.const 1))) (br_if $l (local.get 0)))))
            """);

        Assert.Equal(GuestOutcomeKind.Returned, outcome.Kind);
    }
}
