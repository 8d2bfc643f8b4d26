namespace AgentOs.Orleans.Tests;

/// <summary>The shared package cache (same rule as tests/AgentOs.Tests), so only the first run downloads.</summary>
internal static class TestEnvironment
{
    public static string CacheDirectory { get; } = LocateCache();

    private static string LocateCache()
    {
        var configured = Environment.GetEnvironmentVariable("AGENTOS_CACHE_DIR");
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
