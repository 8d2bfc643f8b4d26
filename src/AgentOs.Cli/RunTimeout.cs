namespace AgentOs.Cli;

/// <summary>A <c>--timeout</c>: how long the run may take, and the text the user gave (for the message).</summary>
internal sealed record RunTimeout(TimeSpan Duration, string Text);
