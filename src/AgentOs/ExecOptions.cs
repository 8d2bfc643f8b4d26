namespace AgentOs;

/// <summary>Per-run settings of <see cref="AgentOsVm.ExecAsync"/> and <see cref="AgentOsVm.RunAsync"/>.</summary>
public sealed class ExecOptions
{
    /// <summary>Variables added to (or replacing) the VM's environment for this process.</summary>
    public IDictionary<string, string>? Env { get; init; }

    /// <summary>The working directory; relative to the VM's <see cref="AgentOsOptions.Cwd"/>; null for that directory.</summary>
    public string? Cwd { get; init; }

    /// <summary>Bytes fed to the process's stdin, which is then closed. Null (with no <see cref="StdinText"/>) gives
    /// <c>/dev/null</c>.</summary>
    public Stream? Stdin { get; init; }

    /// <summary>Text (UTF-8) fed to the process's stdin, which is then closed.</summary>
    public string? StdinText { get; init; }

    /// <summary>Overrides <see cref="ProcessLimitsOptions.MaxCapturedOutputBytes"/> for this run.</summary>
    public int? MaxCapturedOutputBytes { get; init; }

    /// <summary>
    /// How long the run may take; past it the process and its process group are killed (SIGKILL) and the result
    /// comes back with <see cref="ProcessResult.TimedOut"/> set and the output captured so far. Null: no limit.
    /// </summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Called with the pid once the process has started (before it may have produced anything), so the
    /// caller can signal it while it runs (e.g. with the sidecar's <c>process.signal</c>).</summary>
    public Action<int>? Started { get; init; }
}
