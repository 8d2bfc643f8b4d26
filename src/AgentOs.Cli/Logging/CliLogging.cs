using Microsoft.Extensions.Logging;

namespace AgentOs.Cli.Logging;

/// <summary>The CLI's logger factory: one line-per-entry provider, filtered at the resolved level, writing to stderr
/// or, with <c>--log-file</c>, to a file so the CLI's own lines never mix with the guest's stderr.</summary>
internal static class CliLogging
{
    /// <summary>The environment variable that names a log file when <c>--log-file</c> is not given.</summary>
    public const string LogFileVariable = "AGENTOS_LOG_FILE";

    /// <exception cref="CliUsageException">The log file cannot be opened.</exception>
    public static ILoggerFactory Create(LogLevel minimum, string? logFile = null)
    {
        TextWriter? writer = logFile is null ? null : Open(logFile);
        // Built directly: LoggerFactory.Create sets up a DI container, whose JIT work alone is felt in start-up.
        var factory = new LoggerFactory([], new LoggerFilterOptions { MinLevel = minimum });
        factory.AddProvider(new StderrLoggerProvider(writer, ownsWriter: logFile is not null)); // disposed with the factory
        return factory;
    }

    /// <summary>The <c>--log-file</c> value, else <see cref="LogFileVariable"/>; null for stderr.</summary>
    public static string? ResolveLogFile(string? option, Func<string, string?> environment) =>
        option is { Length: > 0 } ? option : environment(LogFileVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null;

    private static StreamWriter Open(string path)
    {
        try
        {
            // Appended and shared, so several runs (or a tail -f) can use the same file.
            return new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new CliUsageException($"--log-file: cannot open '{path}': {e.Message}");
        }
    }
}
