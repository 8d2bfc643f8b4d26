namespace AgentOs.Cli.Tests;

/// <summary>
/// A test that needs Debian's <c>tmux</c> as the host terminal: reported as skipped (not passed) where it is missing,
/// as on a fresh machine with only the .NET SDK. <c>.ci/run</c> installs tmux and sets <c>AGENTOS_REQUIRE_TMUX</c>,
/// so there a missing tmux fails instead.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TmuxFactAttribute : FactAttribute
{
    public TmuxFactAttribute()
    {
        if (!Available && Environment.GetEnvironmentVariable("AGENTOS_REQUIRE_TMUX") is not { Length: > 0 })
        {
            Skip = "needs tmux (apt-get install tmux)";
        }
    }

    /// <summary>Whether tmux is installed where Debian puts it.</summary>
    public static bool Available => File.Exists("/usr/bin/tmux") || File.Exists("/usr/local/bin/tmux");
}
