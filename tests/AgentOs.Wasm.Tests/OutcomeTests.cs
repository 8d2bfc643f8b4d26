using AgentOs.Wasm.Runtime;
using Microsoft.Extensions.Logging;
using Wasmtime;

namespace AgentOs.Wasm.Tests;

public sealed class OutcomeTests
{
    private const string CallsHostThenUnreachable = """
        (module
          (import "env" "host" (func $host (result i32)))
          (func (export "_start") (drop (call $host)) unreachable))
        """;

    [Fact]
    public void ReturningFromStartExitsZero()
    {
        var outcome = Guest.Run("(module (func (export \"_start\")))");

        Assert.Same(GuestOutcome.Returned, outcome);
        Assert.Equal(0, outcome.ExitCode);
    }

    [Fact]
    public void ProcExitSentinelEndsTheGuestWithItsCode()
    {
        var outcome = Guest.Run(
            """
            (module
              (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
              (func (export "_start") (call $exit (i32.const 7)) unreachable))
            """,
            define: l => l.DefineFunction(
                "wasi_snapshot_preview1",
                "proc_exit",
                HostCallbackGuard.Guard<int>("wasi_snapshot_preview1.proc_exit", (Caller _, int code) => throw new GuestExitException(code))));

        Assert.Equal(GuestOutcomeKind.Exited, outcome.Kind);
        Assert.Equal(7, outcome.ExitCode);
    }

    [Theory]
    [InlineData("unreachable", TrapCode.Unreachable, "unreachable instruction executed")]
    [InlineData("(drop (i32.load (i32.const 70000)))", TrapCode.MemoryOutOfBounds, "out-of-bounds memory access")]
    [InlineData("(drop (i32.div_u (i32.const 1) (i32.const 0)))", TrapCode.IntegerDivisionByZero, "integer divide by zero")]
    public void TrapsAreClassifiedByTrapCodeAndNamedWithTheGuestFunction(string body, TrapCode expected, string what)
    {
        var outcome = Guest.Run($"(module (memory 1) (func $work {body}) (func (export \"_start\") (call $work)))");

        Assert.Equal(GuestOutcomeKind.Trapped, outcome.Kind);
        Assert.Equal(expected, outcome.Trap);
        Assert.Equal(1, outcome.ExitCode);
        Assert.StartsWith("WebAssembly guest trapped: " + what, outcome.Message, StringComparison.Ordinal);
        Assert.EndsWith(" in function `work`", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GuardedCallbackExceptionEndsOnlyThatGuestAndIsLogged()
    {
        var logger = new ListLogger();
        var outcome = Guest.Run(
            CallsHostThenUnreachable,
            define: l => l.DefineFunction("env", "host", HostCallbackGuard.Guard<int>("env.host", _ => throw new InvalidOperationException("boom"))),
            logger: logger);

        Assert.Equal(GuestOutcomeKind.HostFailure, outcome.Kind);
        var error = Assert.IsType<HostCallbackException>(outcome.Error);
        Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Equal("env.host", error.Function);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Error && e.Exception == error);
    }

    [Fact]
    public void GuardProtectsAgainstExceptionsWhoseMessageThrows()
    {
        // Unguarded, Wasmtime would call Environment.FailFast while building the trap from this Message.
        var outcome = Guest.Run(
            CallsHostThenUnreachable,
            define: l => l.DefineFunction("env", "host", HostCallbackGuard.Guard<int>("env.host", _ => throw new PoisonedMessageException())));

        Assert.Equal(GuestOutcomeKind.HostFailure, outcome.Kind);
        Assert.IsType<PoisonedMessageException>(outcome.Error?.InnerException);
    }

    [Fact]
    public void UnguardedCallbackExceptionIsStillCaughtByWasmtimeAndReportedAsHostFailure()
    {
        var outcome = Guest.Run(
            CallsHostThenUnreachable,
            define: l => l.DefineFunction("env", "host", (Func<int>)(() => throw new InvalidOperationException("boom"))));

        Assert.Equal(GuestOutcomeKind.HostFailure, outcome.Kind);
        Assert.IsType<InvalidOperationException>(outcome.Error);
    }

    [Fact]
    public void ExceptionsOutsideWasmAreHostFailures()
    {
        var guest = GuestThread.TryStart(TestEngines.Provider, new GuestThreadStart
        {
            Name = "throws",
            Body = _ => throw new FormatException(),
        });

        var outcome = guest!.Join();

        Assert.Equal(GuestOutcomeKind.HostFailure, outcome.Kind);
        Assert.IsType<FormatException>(outcome.Error);
    }

    [Fact]
    public void CreateStoreRefusesOtherThreads()
    {
        GuestThread? captured = null;
        var guest = GuestThread.TryStart(TestEngines.Provider, new GuestThreadStart { Name = "idle", Body = g => captured = g });
        guest!.Join();

        Assert.Throws<InvalidOperationException>(() => captured!.CreateStore());
    }

    private sealed class PoisonedMessageException : Exception
    {
        public override string Message => throw new InvalidOperationException("message getter");
    }
}
