using Microsoft.Extensions.Logging;

namespace AgentOs.Cli.Logging;

/// <summary>Writes every log entry as exactly one line on the CLI's standard error (or the <c>--log-file</c>, which it
/// then owns); stdout stays the guest's. Without a writer, <see cref="Console.Error"/> is taken at the first entry:
/// setting it up costs milliseconds of every start, and most runs log nothing.</summary>
internal sealed class StderrLoggerProvider(TextWriter? writer = null, bool ownsWriter = false) : ILoggerProvider
{
    private readonly Lock _gate = new();

    public ILogger CreateLogger(string categoryName) => new StderrLogger(categoryName, this);

    public void Dispose()
    {
        lock (_gate)
        {
            writer?.Flush();
            if (ownsWriter)
            {
                writer?.Dispose();
            }
        }
    }

    internal void WriteLine(string line)
    {
        lock (_gate)
        {
            writer ??= Console.Error;
            writer.WriteLine(line);
            writer.Flush();
        }
    }
}
