using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentOs;

/// <summary>The DI-registered factory: the configured (and validated) options, with the container's logger and meter
/// factories when none is set.</summary>
internal sealed class AgentOsVmFactory : IAgentOsVmFactory
{
    private readonly IOptions<AgentOsOptions> _options;
    private readonly ILoggerFactory? _loggerFactory;
    private readonly IMeterFactory? _meterFactory;

    public AgentOsVmFactory(IOptions<AgentOsOptions> options, ILoggerFactory? loggerFactory = null, IMeterFactory? meterFactory = null)
    {
        _options = options;
        _loggerFactory = loggerFactory;
        _meterFactory = meterFactory;
    }

    public Task<AgentOsVm> CreateAsync(CancellationToken cancellationToken = default)
    {
        var options = _options.Value;
        if (options.LoggerFactory is null && _loggerFactory is not null)
        {
            options.LoggerFactory = _loggerFactory;
        }

        options.MeterFactory ??= _meterFactory;

        return AgentOsVm.CreateAsync(options, cancellationToken);
    }
}
