using System.Net;
using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Net;
using AgentOs.Workspace;

namespace AgentOs;

/// <summary>
/// <see cref="AgentOsOptions"/> checked and with the defaults filled in: what <see cref="AgentOsVm.CreateAsync"/>
/// builds a VM from, and what <see cref="AgentOsOptionsValidator"/> checks for DI users, so both fail with the same
/// message naming the field.
/// </summary>
internal sealed record ResolvedOptions(
    EffectiveLimits Limits,
    int MaxCapturedOutputBytes,
    int TerminateGraceMs,
    string Cwd,
    NetworkPolicy NetworkPolicy,
    IReadOnlyList<IPEndPoint> DnsServers,
    Dictionary<string, string> Environment,
    IReadOnlyList<HostMount> Mounts)
{
    /// <exception cref="LimitConfigurationException">A limit is out of range.</exception>
    /// <exception cref="ArgumentException">The user, cwd, an environment name, a mount or a network entry is invalid.</exception>
    public static ResolvedOptions From(AgentOsOptions options)
    {
        var limitsOptions = options.Limits ?? new LimitsOptions();
        var limits = (limitsOptions.Resources ?? new ResourceLimits()).Resolve();
        var processLimits = limitsOptions.Process ?? new ProcessLimitsOptions();
        var maxCapturedOutputBytes = processLimits.ResolveMaxCapturedOutputBytes();
        var terminateGraceMs = processLimits.ResolveTerminateGraceMs();
        if (!Enum.IsDefined(options.User))
        {
            throw new ArgumentException($"user: unknown user {options.User}.", nameof(options));
        }

        var cwd = options.Cwd;
        if (string.IsNullOrEmpty(cwd) || !cwd.StartsWith('/'))
        {
            throw new ArgumentException($"cwd must be an absolute path (was \"{cwd}\").", nameof(options));
        }

        var mounts = HostMounts.Validate(options.Mounts);
        var networkPolicy = ResolveNetworkPolicy(options.Network);
        var dnsServers = ResolveDnsServers(options.Network);
        var environment = DefaultEnvironment.Create(options.User, options.Env ?? new Dictionary<string, string>());
        CheckFitsTheMachine(limits);
        return new ResolvedOptions(limits, maxCapturedOutputBytes, terminateGraceMs, cwd, networkPolicy, dnsServers, environment, mounts);
    }

    /// <summary>An exception's message without the " (Parameter '…')" suffix: the message names the field itself.</summary>
    public static string Message(ArgumentException e) =>
        e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", string.Empty, StringComparison.Ordinal);

    // The in-memory filesystem and the guests' memory are host memory: one VM may not claim more than the machine
    // (or its container) has, whatever else runs.
    private static void CheckFitsTheMachine(EffectiveLimits limits)
    {
        var machine = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (machine > 0 && limits.MaxMemoryBytes + limits.MaxFilesystemBytes > machine)
        {
            var field = limits.MaxFilesystemBytes >= limits.MaxMemoryBytes ? nameof(ResourceLimits.MaxFilesystemBytes) : nameof(ResourceLimits.MaxMemoryBytes);
            var path = EffectiveLimits.ConfigPath(field);
            throw new LimitConfigurationException(path,
                $"{path}: limits.resources.maxMemoryBytes + maxFilesystemBytes = {limits.MaxMemoryBytes + limits.MaxFilesystemBytes} bytes is more than this machine's {machine} bytes of memory.");
        }
    }

    private static NetworkPolicy ResolveNetworkPolicy(Network.NetworkOptions? network)
    {
        try
        {
            return new NetworkPolicy(network?.AllowedHosts ?? []);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"network.allowedHosts: {e.Message}", nameof(network), e);
        }
    }

    private static IReadOnlyList<IPEndPoint> ResolveDnsServers(Network.NetworkOptions? network)
    {
        if (network?.DnsServers is not { Count: > 0 })
        {
            return []; // the common case skips the LINQ instantiations over IPEndPoint (JIT at a CLI's start)
        }

        try
        {
            return [.. (network?.DnsServers ?? []).Select(HostDns.ParseServer)];
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"network.dnsServers: {e.Message}", nameof(network), e);
        }
    }
}
