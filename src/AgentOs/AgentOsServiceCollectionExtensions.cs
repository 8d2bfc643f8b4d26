using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AgentOs;

/// <summary>Registers agentOS with a service collection.</summary>
public static class AgentOsServiceCollectionExtensions
{
    /// <summary>Registers <see cref="AgentOsOptions"/> (configured by <paramref name="configure"/>, validated with
    /// <see cref="AgentOsVm.CreateAsync"/>'s checks and messages when first read, and when the host starts) and a
    /// singleton <see cref="IAgentOsVmFactory"/> that uses the container's logger and meter factories.</summary>
    public static IServiceCollection AddAgentOs(this IServiceCollection services, Action<AgentOsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<AgentOsOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AgentOsOptions>, AgentOsOptionsValidator>());
        services.TryAddSingleton<IAgentOsVmFactory, AgentOsVmFactory>();
        return services;
    }

    /// <summary>
    /// Registers options bound from <paramref name="configuration"/> in the agentOS shape
    /// (<c>{"software":[…],"limits":{"resources":{"maxProcesses":64}},"env":{…},"cwd":"/workspace"}</c>; pass the
    /// section that holds these keys), then applies <paramref name="configure"/>. A key the shape does not have fails
    /// like an invalid value, naming its path.
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
