using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentOs;

/// <summary>The DI-registered factory: the configured options, with the container's logger factory when none is set.</summary>
internal sealed class AgentOsVmFactory : IAgentOsVmFactory
{
    private readonly IOptions<AgentOsOptions> _options;
    private readonly ILoggerFactory? _loggerFactory;

    public AgentOsVmFactory(IOptions<AgentOsOptions> options, ILoggerFactory? loggerFactory = null)
    {
        _options = options;
        _loggerFactory = loggerFactory;
    }

    public Task<AgentOsVm> CreateAsync(CancellationToken cancellationToken = default)
    {
        var options = _options.Value;
        if (options.LoggerFactory is null && _loggerFactory is not null)
        {
            options.LoggerFactory = _loggerFactory;
        }

        return AgentOsVm.CreateAsync(options, cancellationToken);
    }
}
