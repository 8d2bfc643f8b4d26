namespace AgentOs.Testing;

/// <summary>
/// The package cache shared by every test project: <c>$AGENTOS_CACHE_DIR</c> if set, else
/// <c>&lt;repo&gt;/artifacts/test-cache</c>, so only the first run on a machine downloads.
/// </summary>
internal static class TestCache
{
    public static string Directory { get; } = Locate();

    private static string Locate()
    {
        string? configured = Environment.GetEnvironmentVariable("AGENTOS_CACHE_DIR");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AgentOs.slnx")))
            {
                return Path.Combine(dir.FullName, "artifacts", "test-cache");
            }
        }

        return Path.Combine(Path.GetTempPath(), "agentos-test-cache");
    }
}
