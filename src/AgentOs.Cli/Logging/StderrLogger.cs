using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace AgentOs.Cli.Logging;

/// <summary>
/// One line per entry in the agentOS/tracing layout: <c>&lt;UTC timestamp&gt; &lt;LEVEL&gt; &lt;category&gt;: &lt;message&gt;</c>.
/// Newlines inside a message are escaped so a warning can never span lines; exceptions add their type and message,
/// never a stack trace.
/// </summary>
internal sealed class StderrLogger(string category, StderrLoggerProvider provider) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var line = new StringBuilder(160)
            .Append(DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture))
            .Append(' ')
            .Append(LevelTag(logLevel))
            .Append(' ')
            .Append(category)
            .Append(": ");
        AppendOneLine(line, formatter(state, exception));
        if (exception is not null)
        {
            line.Append(" error=\"").Append(exception.GetType().Name).Append(": ");
            AppendOneLine(line, exception.Message);
            line.Append('"');
        }

        provider.WriteLine(line.ToString());
    }

    internal static string LevelTag(LogLevel level) => level switch
    {
        LogLevel.Trace => "TRACE",
        LogLevel.Debug => "DEBUG",
        LogLevel.Information => " INFO",
        LogLevel.Warning => " WARN",
        LogLevel.Error => "ERROR",
        _ => "FATAL",
    };

    private static void AppendOneLine(StringBuilder line, string text)
    {
        foreach (char c in text)
        {
            _ = c switch
            {
                '\n' => line.Append("\\n"),
                '\r' => line.Append("\\r"),
                _ => line.Append(c),
            };
        }
    }
}
