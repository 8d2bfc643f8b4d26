using Wasmtime;

namespace AgentOs.Wasm.Runtime;

/// <summary>
/// Wraps every host function the shared Linker defines. Wasmtime's .NET wrapper already catches any exception a
/// callback throws and turns it into a trap (Function.HandleCallbackException stores it and returns
/// <c>wasmtime_trap_new(ex.Message)</c>), so nothing unwinds through native frames; but it calls
/// <c>Environment.FailFast</c> if building that trap throws (e.g. a throwing <c>Message</c> getter). The guard
/// replaces unexpected exceptions with a <see cref="HostCallbackException"/> whose message is always safe (and names the
/// import), and lets the exit and exec sentinels and the interrupt pass unchanged so they keep their meaning.
/// </summary>
internal static class HostCallbackGuard
{
    /// <summary>The exception a callback should throw for <paramref name="exception"/>.</summary>
    public static Exception Fault(Exception exception, string function) => exception switch
    {
        GuestExitException or GuestInterruptedException or Abi.GuestExecException or HostCallbackException or GuestMissingImportException => exception,
        _ => new HostCallbackException(function, exception),
    };

    /// <summary>Guards <c>proc_exit</c>-shaped callbacks (one parameter, no result).</summary>
    public static CallerAction<T1> Guard<T1>(string function, CallerAction<T1> callback) =>
        (c, a1) =>
        {
            try
            {
                callback(c, a1);
            }
            catch (Exception exception)
            {
                throw Fault(exception, function);
            }
        };

    /// <summary>Guards an untyped callback (signatures above 12 parameters, e.g. <c>proc_spawn_v3</c>).</summary>
    public static Function.UntypedCallbackDelegate Guard(string function, Function.UntypedCallbackDelegate callback) =>
        (c, args, results) =>
        {
            try
            {
                callback(c, args, results);
            }
            catch (Exception exception)
            {
                throw Fault(exception, function);
            }
        };

    // Typed callbacks with 0–12 wasm parameters and a result, one overload per arity as Wasmtime's CallerFunc.
    public static CallerFunc<TResult> Guard<TResult>(string function, CallerFunc<TResult> callback) =>
        (c) =>
        {
            try
            {
                return callback(c);
            }
            catch (Exception exception)
            {
                throw Fault(exception, function);
            }
        };

    public static CallerFunc<T1, TResult> Guard<T1, TResult>(string function, CallerFunc<T1, TResult> callback) =>
        (c, a1) =>
        {
            try
            {
                return callback(c, a1);
            }
            catch (Exception exception)
            {
                throw Fault(exception, function);
            }
        };

    public static CallerFunc<T1, T2, TResult> Guard<T1, T2, TResult>(string function, CallerFunc<T1, T2, TResult> callback) =>
        (c, a1, a2) =>
        {
            try
            {
                return callback(c, a1, a2);
            }
            catch (Exception exception)
            {
                throw Fault(exception, function);
            }
        };

    public static CallerFunc<T1, T2, T3, TResult> Guard<T1, T2, T3, TResult>(string function, CallerFunc<T1, T2, T3, TResult> callback) =>
        (c, a1, a2, a3) =>
        {
            try
            {
                return callback(c, a1, a2, a3);
            }
            catch (Exception exception)
            {
                throw Fault(exception, function);
            }
        };

    public static CallerFunc<T1, T2, T3, T4, TResult> Guard<T1, T2, T3, T4, TResult>(string function, CallerFunc<T1, T2, T3, T4, TResult> callback) =>
        (c, a1, a2, a3, a4) =>
        {
            try
            {
                return callback(c, a1, a2, a3, a4);
            }
            catch (Exception exception)
            {
                throw Fault(exception, function);
            }
        };

    public static CallerFunc<T1, T2, T3, T4, T5, TResult> Guard<T1, T2, T3, T4, T5, TResult>(string function, CallerFunc<T1, T2, T3, T4, T5, TResult> callback) =>
        (c, a1, a2, a3, a4, a5) =>
        {
            try
            {
                return callback(c, a1, a2, a3, a4, a5);
            }
            catch (Exception exception)
            {
                throw Fault(exception, function);
            }
        };

    public static CallerFunc<T1, T2, T3, T4, T5, T6, TResult> Guard<T1, T2, T3, T4, T5, T6, TResult>(string function, CallerFunc<T1, T2, T3, T4, T5, T6, TResult> callback) =>
        (c, a1, a2, a3, a4, a5, a6) =>
        {
            try
            {
                return callback(c, a1, a2, a3, a4, a5, a6);
            }
            catch (Exception exception)
            {
                throw Fault(exception, function);
            }
        };

    public static CallerFunc<T1, T2, T3, T4, T5, T6, T7, TResult> Guard<T1, T2, T3, T4, T5, T6, T7, TResult>(string function, CallerFunc<T1, T2, T3, T4, T5, T6, T7, TResult> callback) =>
        (c, a1, a2, a3, a4, a5, a6, a7) =>
        {
            try
            {
                return callback(c, a1, a2, a3, a4, a5, a6, a7);
            }
            catch (Exception exception)
            {
                throw Fault(exception, function);
            }
        };

    public static CallerFunc<T1, T2, T3, T4, T5, T6, T7, T8, TResult> Guard<T1, T2, T3, T4, T5, T6, T7, T8, TResult>(string function, CallerFunc<T1, T2, T3, T4, T5, T6, T7, T8, TResult> callback) =>
        (c, a1, a2, a3, a4, a5, a6, a7, a8) =>
        {
            try
            {
                return callback(c, a1, a2, a3, a4, a5, a6, a7, a8);
            }
            catch (Exception exception)
            {
                throw Fault(exception, function);
            }
        };

    public static CallerFunc<T1, T2, T3, T4, T5, T6, T7, T8, T9, TResult> Guard<T1, T2, T3, T4, T5, T6, T7, T8, T9, TResult>(string function, CallerFunc<T1, T2, T3, T4, T5, T6, T7, T8, T9, TResult> callback) =>
        (c, a1, a2, a3, a4, a5, a6, a7, a8, a9) =>
        {
            try
            {
                return callback(c, a1, a2, a3, a4, a5, a6, a7, a8, a9);
            }
            catch (Exception exception)
            {
                throw Fault(exception, function);
            }
        };

    public static CallerFunc<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, TResult> Guard<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, TResult>(string function, CallerFunc<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, TResult> callback) =>
        (c, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10) =>
        {
            try
            {
                return callback(c, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10);
            }
            catch (Exception exception)
            {
                throw Fault(exception, function);
            }
        };

    public static CallerFunc<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, TResult> Guard<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, TResult>(string function, CallerFunc<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, TResult> callback) =>
        (c, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11) =>
        {
            try
            {
                return callback(c, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11);
            }
            catch (Exception exception)
            {
                throw Fault(exception, function);
            }
        };

    public static CallerFunc<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, TResult> Guard<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, TResult>(string function, CallerFunc<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, TResult> callback) =>
        (c, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12) =>
        {
            try
            {
                return callback(c, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12);
            }
            catch (Exception exception)
            {
                throw Fault(exception, function);
            }
        };
}
