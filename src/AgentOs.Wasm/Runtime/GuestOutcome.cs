using System.Globalization;
using Wasmtime;

namespace AgentOs.Wasm.Runtime;

/// <summary>
/// The end of one guest run. <see cref="ExitCode"/> follows the reference runner: 0 on return, the requested code on
/// exit, 1 for every failure (an interrupted guest's status is the signal the executor delivered, not this code).
/// <see cref="Message"/> is the line for the guest's stderr, if any.
/// </summary>
internal sealed record GuestOutcome(GuestOutcomeKind Kind, int ExitCode, TrapCode? Trap, string? Message, Exception? Error)
{
    /// <summary>A normal return from the entry function.</summary>
    public static GuestOutcome Returned { get; } = new(GuestOutcomeKind.Returned, 0, null, null, null);

    /// <summary>
    /// Classifies what escaped a guest run. Decisions use exception types and <see cref="TrapException.Type"/>, never
    /// message text. A host function's exception reaches us as the inner exception of a
    /// <see cref="WasmtimeException"/>, so the cause is examined first.
    /// </summary>
    public static GuestOutcome FromException(Exception exception, long maxWasmStackBytes)
    {
        var cause = exception is WasmtimeException { InnerException: { } inner } ? inner : exception;
        switch (cause)
        {
            case GuestExitException exit:
                return new(GuestOutcomeKind.Exited, exit.Code, null, null, null);
            case GuestInterruptedException:
                return new(GuestOutcomeKind.Interrupted, 1, TrapCode.Interrupt, null, null);
            case GuestMissingImportException missing:
                return new(GuestOutcomeKind.Trapped, 1, null, "WebAssembly guest trapped: it called " + missing.Import + ", which this VM does not provide", null);
            case HostCallbackException callback:
                return new(GuestOutcomeKind.HostFailure, 1, null, "agentos: internal error in " + callback.Function, callback);
        }

        if (exception is TrapException trap)
        {
            return trap.Type switch
            {
                TrapCode.StackOverflow => new(GuestOutcomeKind.Trapped, 1, trap.Type, StackOverflowMessage(maxWasmStackBytes), trap),
                TrapCode.Interrupt => new(GuestOutcomeKind.Interrupted, 1, trap.Type, null, trap),
                _ => new(GuestOutcomeKind.Trapped, 1, trap.Type, TrapDescription.Describe(trap), trap),
            };
        }

        if (exception is WasmtimeException wasmtime)
        {
            if (wasmtime.ExitCode is { } code)
            {
                return new(GuestOutcomeKind.Exited, code, null, null, null);
            }

            // An unguarded host function threw: Wasmtime already turned it into a trap; still a host bug.
            return ReferenceEquals(cause, exception)
                ? new(GuestOutcomeKind.StartFailed, 1, null, "agentos: cannot start WebAssembly guest: " + FirstLine(wasmtime.Message), wasmtime)
                : new(GuestOutcomeKind.HostFailure, 1, null, "agentos: internal error in a host function", cause);
        }

        return new(GuestOutcomeKind.HostFailure, 1, null, "agentos: internal error running the guest", exception);
    }

    /// <summary>The stderr line for a guest that ran out of its wasm stack budget (spec §3.6).</summary>
    public static string StackOverflowMessage(long maxWasmStackBytes) => string.Create(
        CultureInfo.InvariantCulture,
        $"WebAssembly guest exhausted its configured stack budget ({maxWasmStackBytes} bytes); raise limits.resources.maxWasmStackBytes to allow deeper guest call stacks");

    private static string FirstLine(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? text : text[..end];
    }
}
