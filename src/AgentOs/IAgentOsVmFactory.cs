namespace AgentOs;

/// <summary>Creates VMs with the options registered by <see cref="AgentOsServiceCollectionExtensions.AddAgentOs(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{AgentOsOptions}?)"/>.</summary>
public interface IAgentOsVmFactory
{
    /// <summary>Creates a VM with the registered options (see <see cref="AgentOsVm.CreateAsync"/>); the caller disposes it.</summary>
    Task<AgentOsVm> CreateAsync(CancellationToken cancellationToken = default);
}
