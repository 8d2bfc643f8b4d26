namespace AgentOs.Kernel.Exec;

/// <summary>
/// A resolved program ready to run: the WebAssembly module after <c>#!</c> interpreter resolution, the final argv,
/// and an identity for caches.
/// </summary>
/// <param name="Path">The resolved path of the module that runs (the interpreter for scripts).</param>
/// <param name="CacheKey">Stable content identity when the kernel knows one (read-only package files): the module
/// bytes need not be read when a compiled copy exists. Null for mutable files.</param>
/// <param name="ReadModule">Reads the module bytes (only called on a cache miss when <paramref name="CacheKey"/> is set).</param>
/// <param name="Arguments">The final argv (for scripts: interpreter, optional argument, script, original argv[1..]).</param>
/// <param name="Environment">The environment, "K=V" entries.</param>
public sealed record ExecImage(
    string Path,
    string? CacheKey,
    Func<ReadOnlyMemory<byte>> ReadModule,
    IReadOnlyList<string> Arguments,
    IReadOnlyList<string> Environment);
