using AgentOs.Orleans.Placement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace AgentOs.Orleans;

/// <summary>Silo and client setup for VM grains.</summary>
public static class AgentOsOrleansExtensions
{
    /// <summary>The grain storage VM grains use; register one under this name (memory, ADO.NET, …).</summary>
    public const string StorageName = "agentos";

    /// <summary>
    /// Hosts VM grains on this silo: one <see cref="AgentOsHost"/> with the silo's totals, placement by free
    /// capacity (<see cref="AgentOsSiloOptions"/>), idle deactivation. The silo also needs a grain storage named
    /// <see cref="StorageName"/>.
    /// </summary>
    public static ISiloBuilder AddAgentOsVms(this ISiloBuilder builder, Action<AgentOsSiloOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<AgentOsSiloOptions>().Configure(configure ?? (_ => { }));
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<AgentOsSiloOptions>>().Value;
            return new AgentOsHost(new AgentOsHostOptions { MaxTotalMemoryBytes = o.MaxTotalMemoryBytes, MaxTotalCpuCores = o.MaxTotalCpuCores });
        });
        services.AddSingleton<LocalVms>();
        services.AddSingleton<SiloReporter>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SiloReporter>());
        services.AddPlacementDirector<AgentOsPlacementStrategy, AgentOsPlacementDirector>();
        services.AddOptions<GrainCollectionOptions>().Configure<IOptions<AgentOsSiloOptions>>((collection, o) =>
            collection.ClassSpecificCollectionAge[typeof(VmGrain).FullName!] = o.Value.IdleTimeout);
        return builder;
    }

    /// <summary>The VM grain named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name breaks <see cref="VmName"/>'s rule.</exception>
    public static IVmGrain GetVm(this IGrainFactory grains, string name)
    {
        ArgumentNullException.ThrowIfNull(grains);
        VmName.Validate(name);
        return grains.GetGrain<IVmGrain>(name);
    }

    /// <summary>Creates the VM <paramref name="name"/> with <paramref name="settings"/> unless it exists (then its own
    /// settings stay); placement sees the VM's claim so it lands on a silo with room. Returns the grain.</summary>
    /// <exception cref="VmCapacityException">No silo has room for the VM.</exception>
    public static async Task<IVmGrain> CreateVmAsync(this IGrainFactory grains, string name, VmSettings settings)
    {
        var vm = grains.GetVm(name);
        VmClaim.Of(settings).Attach();
        try
        {
            await vm.CreateAsync(settings).ConfigureAwait(false);
        }
        finally
        {
            RequestContext.Clear();
        }

        return vm;
    }

    /// <summary>Every active VM of the cluster with the silo holding it and its usage (as the silos last reported).</summary>
    public static async Task<IReadOnlyList<VmStatus>> ListVmsAsync(this IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var reports = await grains.GetGrain<IVmPlacementGrain>(0).GetReportsAsync().ConfigureAwait(false);
        return [.. reports.SelectMany(r => r.Vms).OrderBy(v => v.Name, StringComparer.Ordinal)];
    }
}
