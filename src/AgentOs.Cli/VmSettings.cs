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
    string? LogFile);
