namespace AgentOs.Cli;

/// <summary>The user asked for something malformed; reported as one line on stderr with exit code 2.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
