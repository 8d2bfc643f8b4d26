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

    /// <summary>--copy-out (guest, host), done after the guest ends.</summary>
    public IReadOnlyList<(string From, string To)> CopyOut { get; init; } = [];
}
