using AgentOs.Kernel.Limits;
using Microsoft.Extensions.Logging;

namespace AgentOs.Cli;

/// <summary>What the VM options of exec/run/sh/limits resolved to (limits file first, flags on top).</summary>
internal sealed record VmSettings(
    ResourceLimits Limits,
    string? LimitsFile,
    IReadOnlyList<string> Software,
    string? Cwd,
    IReadOnlyList<KeyValuePair<string, string>> Env,
    IReadOnlyList<string> AllowNet,
    IReadOnlyList<string> DnsServers,
    LogLevel LogLevel,
    string? LogFile)
{
    /// <summary>--mount, in order.</summary>
    public IReadOnlyList<HostMount> Mounts { get; init; } = [];

    /// <summary>--copy-in (host, guest), done after the VM is created.</summary>
    public IReadOnlyList<(string From, string To)> CopyIn { get; init; } = [];

    /// <summary>Whether --software was left out (so <see cref="Software"/> is the default set and a saved state's
    /// software list applies).</summary>
    public bool SoftwareDefaulted { get; init; }

    /// <summary>--state FILE: loaded when it exists, saved after the run.</summary>
    public string? StateFile { get; init; }

    /// <summary>--copy-out (guest, host), done after the guest ends.</summary>
    public IReadOnlyList<(string From, string To)> CopyOut { get; init; } = [];
}
