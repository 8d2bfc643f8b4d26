using AgentOs.Cli.Logging;
using Microsoft.Extensions.Logging;

namespace AgentOs.Cli.Tests;

public sealed class LoggingTests
{
    [Theory]
    [InlineData(null, null, null, LogLevel.Warning)]
    [InlineData("debug", "error", "trace", LogLevel.Debug)]
    [InlineData(null, "error", "trace", LogLevel.Error)]
    [InlineData(null, null, "trace", LogLevel.Trace)]
    [InlineData("INFO", null, null, LogLevel.Information)]
    [InlineData("loud", "debug", null, LogLevel.Warning)]
    public void EnvironmentLevelIsTheFirstSetVariable(string? secureExec, string? agentOs, string? agentOsLevel, LogLevel expected)
    {
        var env = new Dictionary<string, string?>
        {
            ["SECURE_EXEC_LOG"] = secureExec,
            ["AGENTOS_LOG"] = agentOs,
            ["AGENTOS_LOG_LEVEL"] = agentOsLevel,
        };

        Assert.Equal(expected, CliLogLevel.Resolve(null, name => env.GetValueOrDefault(name)));
    }

    [Fact]
    public void FlagOverridesTheEnvironment() =>
        Assert.Equal(LogLevel.Error, CliLogLevel.Resolve("error", _ => "debug"));

    [Fact]
    public void InvalidFlagIsAUsageError() =>
        Assert.Throws<CliUsageException>(() => CliLogLevel.Resolve("loud", _ => null));

    [Fact]
    public void EveryEntryIsExactlyOneLineWithoutAStackTrace()
    {
        var writer = new StringWriter();
        using (var provider = new StderrLoggerProvider(writer))
        {
            ILogger logger = provider.CreateLogger("AgentOs.Limits");
            logger.LogWarning("bounded limit near capacity limit={Limit} observed={Observed}", "vm_open_fds", 17);
            logger.LogError(new InvalidOperationException("boom\nsecond line"), "failed\r\nhere");
        }

        string[] lines = writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z  WARN AgentOs\.Limits: bounded limit near capacity limit=vm_open_fds observed=17$", lines[0]);
        Assert.EndsWith("ERROR AgentOs.Limits: failed\\r\\nhere error=\"InvalidOperationException: boom\\nsecond line\"", lines[1], StringComparison.Ordinal);
    }
}
