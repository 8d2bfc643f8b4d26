using AgentOs.Kernel.Limits;
using Microsoft.Extensions.Configuration;

namespace AgentOs;

/// <summary>Reads <see cref="AgentOsOptions"/> from configuration (JSON files, environment, command line…).</summary>
public static class AgentOsConfiguration
{
    /// <summary>
    /// Options bound from <paramref name="configuration"/> in the agentOS shape, e.g. the JSON
    /// <c>{"limits":{"resources":{"maxProcesses":64,"maxFilesystemBytes":268435456},"process":{"maxCapturedOutputBytes":1048576}}}</c>.
    /// Keys are case-insensitive (camelCase as agentOS writes them); absent keys keep the defaults, unknown keys are
    /// refused as the CLI and the sidecar refuse them. Values are validated by <see cref="AgentOsVm.CreateAsync"/>.
    /// </summary>
    /// <exception cref="LimitConfigurationException">A key the shape does not have (e.g. a misspelt limit);
    /// <see cref="LimitConfigurationException.ConfigPath"/> names it.</exception>
    /// <exception cref="InvalidOperationException">A value has the wrong type (e.g. text for a number).</exception>
    public static AgentOsOptions Load(IConfiguration configuration)
    {
        var options = new AgentOsOptions();
        Bind(configuration, options);
        return options;
    }

    /// <summary>Binds <paramref name="configuration"/> onto <paramref name="options"/>; a configured
    /// <c>software</c> list replaces (not extends) the current one.</summary>
    /// <exception cref="LimitConfigurationException">A key the shape does not have.</exception>
    /// <exception cref="InvalidOperationException">A value has the wrong type.</exception>
    public static void Bind(IConfiguration configuration, AgentOsOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        OptionKeys.Check(configuration, typeof(AgentOsOptions));
        if (configuration.GetSection("software").GetChildren().Any())
        {
            options.Software = [];
        }

        configuration.Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
    }
}
