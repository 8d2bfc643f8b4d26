using Microsoft.Extensions.Logging;

namespace AgentOs.Cli.Logging;

/// <summary>
/// The CLI's log level: <c>--log-level</c>, else the first set of <c>SECURE_EXEC_LOG</c>, <c>AGENTOS_LOG</c>,
/// <c>AGENTOS_LOG_LEVEL</c> (an invalid environment value means warn, as in agentOS), else warn.
/// </summary>
internal static class CliLogLevel
{
    public static readonly string[] EnvironmentVariables = ["SECURE_EXEC_LOG", "AGENTOS_LOG", "AGENTOS_LOG_LEVEL"];

    public static readonly string[] Names = ["trace", "debug", "info", "warn", "error", "off"];

    public static LogLevel Resolve(string? flag, Func<string, string?> environment)
    {
        if (flag is not null)
        {
            return TryParse(flag, out LogLevel fromFlag)
                ? fromFlag
                : throw new CliUsageException($"--log-level: unknown level '{flag}' (expected {string.Join('|', Names)})");
        }

        foreach (string name in EnvironmentVariables)
        {
            string? value = environment(name);
            if (!string.IsNullOrWhiteSpace(value))
            {
                return TryParse(value, out LogLevel fromEnvironment) ? fromEnvironment : LogLevel.Warning;
            }
        }

        return LogLevel.Warning;
    }

    public static bool TryParse(string text, out LogLevel level)
    {
        LogLevel? parsed = text.Trim().ToLowerInvariant() switch
        {
            "trace" => LogLevel.Trace,
            "debug" => LogLevel.Debug,
            "info" or "information" => LogLevel.Information,
            "warn" or "warning" => LogLevel.Warning,
            "error" => LogLevel.Error,
            "off" or "none" => LogLevel.None,
            _ => null,
        };
        level = parsed ?? LogLevel.Warning;
        return parsed is not null;
    }
}
