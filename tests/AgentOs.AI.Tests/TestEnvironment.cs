namespace AgentOs.AI.Tests;

/// <summary>Where the tests find the shared package cache.</summary>
internal static class TestEnvironment
{
    /// <summary>Same rule as tests/AgentOs.Tests/Software/TestPackageCache.cs, so only the first run downloads.</summary>
    public static string CacheDirectory { get; } = LocateCache();

    private static string LocateCache()
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
