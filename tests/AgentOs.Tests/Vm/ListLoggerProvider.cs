using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AgentOs.Tests.Vm;

/// <summary>Collects formatted log lines of every category at <see cref="MinimumLevel"/> and above.</summary>
internal sealed class ListLoggerProvider(LogLevel minimumLevel) : ILoggerProvider, ILoggerFactory
{
    public LogLevel MinimumLevel { get; } = minimumLevel;

    public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }

    private sealed class Logger(ListLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner.MinimumLevel;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Lines.Enqueue((category, logLevel, formatter(state, exception)));
            }
        }
    }
}
