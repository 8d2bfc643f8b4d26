using AgentOs.Network;
using AgentOs.Software;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace AgentOs;

/// <summary>
/// Everything fixed when an <see cref="AgentOsVm"/> is created. Binds from configuration in the agentOS shape
/// (<c>{"software":["coreutils"],"limits":{"resources":{"maxProcesses":64}},"cwd":"/workspace"}</c>, camelCase
/// keys); unset fields keep the secure defaults.
/// </summary>
public sealed class AgentOsOptions
{
    /// <summary>The default software set installed when <see cref="DefaultSoftware"/> is true.</summary>
    public const string DefaultSoftwareName = "common";

    /// <summary>
    /// Extra software to install: registry names (<c>coreutils</c>, <c>sed@0.3.4</c>,
    /// <c>@agentos-software/grep</c>), paths of local .aospkg files, or paths of WebAssembly programs: a
    /// <c>.wasm</c> file or a directory of them, each installed as <c>/usr/local/bin/NAME</c> (file name without
    /// <c>.wasm</c>). Empty by default.
    /// </summary>
    public IList<string> Software { get; set; } = [];

    /// <summary>Whether the default set (<see cref="DefaultSoftwareName"/>: sh, coreutils, sed, grep, gawk, …) is
    /// installed before <see cref="Software"/>. Default true; false gives a bare VM with only the listed software.</summary>
    public bool DefaultSoftware { get; set; } = true;

    /// <summary>Resource and process limits (<c>limits.*</c>).</summary>
    public LimitsOptions Limits { get; set; } = new();

    /// <summary>The <c>network</c> permission (<c>network.allowedHosts</c>); default: no external access.</summary>
    public NetworkOptions Network { get; set; } = new();

    /// <summary>Variables added to (or replacing) the default environment of every process started from the host.</summary>
    public IDictionary<string, string> Env { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Host directories shown in the VM (copied in at creation; see <see cref="HostMount"/>). Empty by
    /// default.</summary>
    public IList<HostMount> Mounts { get; set; } = [];

    /// <summary>The working directory of processes started from the host and of relative file paths. Default
    /// <c>/workspace</c>.</summary>
    public string Cwd { get; set; } = "/workspace";

    /// <summary>Who host-started processes and file operations run as. Default <see cref="VmUser.AgentOs"/>.</summary>
    public VmUser User { get; set; } = VmUser.AgentOs;

    /// <summary>The VM identifier used in logs, metrics and warnings; null for a random one.</summary>
    public string? VmId { get; set; }

    /// <summary>Cache root for downloaded packages and compiled modules; default <c>$AGENTOS_CACHE_DIR</c>, else
    /// <c>~/.cache/agentos</c>.</summary>
    public string? CacheDirectory { get; set; }

    /// <summary>npm registry URL for software downloads; default from <c>npm_config_registry</c>, <c>.npmrc</c>,
    /// else the public registry.</summary>
    public string? Registry { get; set; }

    /// <summary>Totals shared with the other VMs of the same host (memory, CPU); null: this VM is bounded only by its
    /// own limits. Not bound from configuration.</summary>
    public AgentOsHost? Host { get; set; }

    /// <summary>Where the VM logs (kernel, limits, executor); null for no logging. Not bound from configuration.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Creates the <c>AgentOs</c> meter (<see cref="IMeterFactory"/>, as a DI container provides); null: the
    /// process-wide meter. Not bound from configuration.</summary>
    public IMeterFactory? MeterFactory { get; set; }

    /// <summary>Receives software download progress during <see cref="AgentOsVm.CreateAsync"/>. Not bound from
    /// configuration.</summary>
    public IProgress<SoftwareProgress>? Progress { get; set; }

    /// <summary>The software names to resolve, default set first.</summary>
    internal IReadOnlyList<string> SoftwareToResolve() =>
        DefaultSoftware ? [DefaultSoftwareName, .. Software] : [.. Software];
}
