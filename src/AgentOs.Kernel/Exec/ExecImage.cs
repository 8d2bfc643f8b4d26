namespace AgentOs.Kernel.Exec;

/// <summary>
/// A resolved program ready to run: the WebAssembly bytes after <c>#!</c> interpreter resolution, the final argv,
/// and an identity for caches (immutable package files share one key however often they run).
/// </summary>
/// <param name="Path">The resolved path of the module that runs (the interpreter for scripts).</param>
/// <param name="Module">The module bytes.</param>
/// <param name="CacheKey">Stable content identity when the kernel knows one (read-only package files), else null.</param>
/// <param name="Arguments">The final argv (for scripts: interpreter, optional argument, script, original argv[1..]).</param>
/// <param name="Environment">The environment, "K=V" entries.</param>
public sealed record ExecImage(
    string Path,
    ReadOnlyMemory<byte> Module,
    string? CacheKey,
    IReadOnlyList<string> Arguments,
    IReadOnlyList<string> Environment);
