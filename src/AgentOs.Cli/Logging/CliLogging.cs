using Microsoft.Extensions.Logging;

namespace AgentOs.Cli.Logging;

/// <summary>The CLI's logger factory: one stderr provider, filtered at the resolved level.</summary>
internal static class CliLogging
{
    public static ILoggerFactory Create(LogLevel minimum) => LoggerFactory.Create(builder => builder
        .ClearProviders()
        .SetMinimumLevel(minimum)
        .AddProvider(new StderrLoggerProvider(Console.Error)));
}
