using System.Globalization;
using Wasmtime;

namespace AgentOs.Wasm.Runtime;

/// <summary>
/// The stderr line for a trapped guest: what happened (from the trap code) and the guest function it happened in.
/// Wasmtime's own message starts with a backtrace header and names the cause only on a later line, so a first-line
/// excerpt said nothing useful.
/// </summary>
internal static class TrapDescription
{
    /// <summary>"WebAssembly guest trapped: out-of-bounds memory access in function `f`".</summary>
    public static string Describe(TrapException trap) => "WebAssembly guest trapped: " + What(trap) + Where(trap);

    /// <summary>" in function `name`" for the innermost guest frame, or "" when no frame is known.</summary>
    private static string Where(TrapException trap)
    {
        if (trap.Frames is not { Count: > 0 } frames)
        {
            return "";
        }

        // Frames run innermost first; a stripped module has no names, so its offset is the best pointer.
        var frame = frames[0];
        return frame.FunctionName is { Length: > 0 } name
            ? " in function `" + name + "`"
            : string.Create(CultureInfo.InvariantCulture, $" at wasm offset 0x{frame.ModuleOffset:x}");
    }

    private static string What(TrapException trap) => trap.Type switch
    {
        // A C or Rust guest's stack lives in linear memory below its data, so deep recursion ends here too.
        TrapCode.MemoryOutOfBounds => "out-of-bounds memory access (a guest bug, or recursion too deep for its data stack)",
        TrapCode.HeapMisaligned => "misaligned memory access",
        TrapCode.TableOutOfBounds => "out-of-bounds table access",
        TrapCode.IndirectCallToNull => "indirect call to a null table entry",
        TrapCode.BadSignature => "indirect call with the wrong signature",
        TrapCode.IntegerOverflow => "integer overflow",
        TrapCode.IntegerDivisionByZero => "integer divide by zero",
        TrapCode.BadConversionToInteger => "invalid conversion to integer",
        TrapCode.Unreachable => "unreachable instruction executed (the program aborted)",
        TrapCode.AtomicWaitNonSharedMemory => "atomic wait on non-shared memory",
        TrapCode.NullReference => "null reference",
        TrapCode.ArrayOutOfBounds => "out-of-bounds array access",
        TrapCode.AllocationTooLarge => "allocation too large",
        _ => Cause(trap.Message),
    };

    /// <summary>The last non-empty line of Wasmtime's message, which holds the cause after the backtrace.</summary>
    private static string Cause(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "unknown trap" : lines[^1];
    }
}
