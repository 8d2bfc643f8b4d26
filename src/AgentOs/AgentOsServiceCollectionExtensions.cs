using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AgentOs;

/// <summary>Registers agentOS with a service collection.</summary>
public static class AgentOsServiceCollectionExtensions
{
    /// <summary>Registers <see cref="AgentOsOptions"/> (configured by <paramref name="configure"/>) and a singleton
    /// <see cref="IAgentOsVmFactory"/>.</summary>
    public static IServiceCollection AddAgentOs(this IServiceCollection services, Action<AgentOsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<AgentOsOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        services.TryAddSingleton<IAgentOsVmFactory, AgentOsVmFactory>();
        return services;
    }

    /// <summary>
    /// Registers options bound from <paramref name="configuration"/> in the agentOS shape
    /// (<c>{"software":[…],"limits":{"resources":{"maxProcesses":64}},"env":{…},"cwd":"/workspace"}</c>; pass the
    /// section that holds these keys), then applies <paramref name="configure"/>.
    /// </summary>
    public static IServiceCollection AddAgentOs(this IServiceCollection services, IConfiguration configuration, Action<AgentOsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddAgentOs(options => AgentOsConfiguration.Bind(configuration, options));
        if (configure is not null)
        {
            services.Configure(configure);
        }

        return services;
    }
}
