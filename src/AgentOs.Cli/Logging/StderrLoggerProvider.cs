using Microsoft.Extensions.Logging;

namespace AgentOs.Cli.Logging;

/// <summary>Writes every log entry as exactly one line on the CLI's standard error; stdout stays the guest's.</summary>
internal sealed class StderrLoggerProvider(TextWriter writer) : ILoggerProvider
{
    private readonly Lock _gate = new();

    public ILogger CreateLogger(string categoryName) => new StderrLogger(categoryName, this);

    public void Dispose() => Flush();

    internal void WriteLine(string line)
    {
        lock (_gate)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }

    private void Flush()
    {
        lock (_gate)
        {
            writer.Flush();
        }
    }
}
