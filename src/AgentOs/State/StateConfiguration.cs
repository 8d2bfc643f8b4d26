using AgentOs.Kernel.Limits;
using AgentOs.Network;

namespace AgentOs.State;

/// <summary>
/// The VM configuration a state records: everything in <see cref="AgentOsOptions"/> that shapes the VM, not the
/// host-side settings (mounts, cache, registry, logging). When a VM is created from a state, a setting the options
/// leave at its default takes the recorded value; a setting the options give wins (limits field by field,
/// environment variable by variable).
/// </summary>
internal sealed class StateConfiguration
{
    private const string DefaultCwd = "/workspace";

    public List<string> Software { get; set; } = [];

    public bool DefaultSoftware { get; set; } = true;

    public ResourceLimits Resources { get; set; } = new();

    public ProcessLimitsOptions Process { get; set; } = new();

    public Dictionary<string, string> Env { get; set; } = new(StringComparer.Ordinal);

    public string Cwd { get; set; } = DefaultCwd;

    public VmUser User { get; set; }

    public List<string> AllowedHosts { get; set; } = [];

    public List<string> DnsServers { get; set; } = [];

    public static StateConfiguration From(AgentOsOptions options) => new()
    {
        Software = [.. options.Software],
        DefaultSoftware = options.DefaultSoftware,
        Resources = Overlay(new ResourceLimits(), options.Limits?.Resources),
        Process = Overlay(new ProcessLimitsOptions(), options.Limits?.Process),
        Env = new Dictionary<string, string>(options.Env ?? new Dictionary<string, string>(), StringComparer.Ordinal),
        Cwd = options.Cwd,
        User = options.User,
        AllowedHosts = [.. options.Network?.AllowedHosts ?? []],
        DnsServers = [.. options.Network?.DnsServers ?? []],
    };

    /// <summary>Options for a VM made from this configuration: <paramref name="options"/>' host-side settings, and
    /// its VM settings where given (see the class remarks); the VM id is <paramref name="vmId"/> unless the options
    /// name one.</summary>
    public AgentOsOptions MergeInto(AgentOsOptions options, string? vmId)
    {
        var softwareGiven = options.Software.Count > 0 || !options.DefaultSoftware;
        var env = new Dictionary<string, string>(Env, StringComparer.Ordinal);
        foreach (var (name, value) in options.Env ?? new Dictionary<string, string>())
        {
            env[name] = value;
        }

        return new AgentOsOptions
        {
            Software = softwareGiven ? [.. options.Software] : [.. Software],
            DefaultSoftware = softwareGiven ? options.DefaultSoftware : DefaultSoftware,
            Limits = new LimitsOptions
            {
                Resources = Overlay(Overlay(new ResourceLimits(), Resources), options.Limits?.Resources),
                Process = Overlay(Overlay(new ProcessLimitsOptions(), Process), options.Limits?.Process),
            },
            Network = new NetworkOptions
            {
                AllowedHosts = options.Network?.AllowedHosts is { Count: > 0 } hosts ? [.. hosts] : [.. AllowedHosts],
                DnsServers = options.Network?.DnsServers is { Count: > 0 } servers ? [.. servers] : [.. DnsServers],
            },
            Env = env,
            Mounts = options.Mounts,
            Cwd = options.Cwd == DefaultCwd ? Cwd : options.Cwd,
            User = options.User == VmUser.AgentOs ? User : options.User,
            VmId = options.VmId ?? vmId,
            CacheDirectory = options.CacheDirectory,
            Registry = options.Registry,
            Host = options.Host,
            LoggerFactory = options.LoggerFactory,
            MeterFactory = options.MeterFactory,
            Progress = options.Progress,
        };
    }

    /// <summary>Copies every non-null property of <paramref name="top"/> (nullable limit fields) onto <paramref name="target"/>.</summary>
    private static T Overlay<T>(T target, T? top)
        where T : class
    {
        if (top is not null)
        {
            foreach (var property in typeof(T).GetProperties())
            {
                if (property.CanWrite && property.GetValue(top) is { } value)
                {
                    property.SetValue(target, value);
                }
            }
        }

        return target;
    }
}
