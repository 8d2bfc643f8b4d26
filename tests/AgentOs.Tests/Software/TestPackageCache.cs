using AgentOs.Software;

namespace AgentOs.Tests.Software;

/// <summary>
/// The package cache shared by every test run: <c>$AGENTOS_CACHE_DIR</c> if set, else
/// <c>&lt;repo&gt;/artifacts/test-cache</c>, so only the first run on a machine downloads. Real packages are
/// fetched at most once per test run.
/// </summary>
internal static class TestPackageCache
{
    private static readonly Lazy<Task<CachedPackage>> Coreutils = new(() => ResolveAsync("coreutils"));

    public static string Directory { get; } = AgentOs.Testing.TestCache.Directory;

    /// <summary>coreutils 0.3.4 from the registry (or the warm cache).</summary>
    public static Task<CachedPackage> CoreutilsAsync() => Coreutils.Value;

    private static async Task<CachedPackage> ResolveAsync(string name)
    {
        using var resolver = new SoftwareResolver(new SoftwareResolverOptions { CacheDirectory = Directory });
        return (await resolver.ResolveAsync([name])).Single();
    }
}
