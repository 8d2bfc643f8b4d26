using AgentOs.Software;

namespace AgentOs.Kernel.Tests.Packages;

/// <summary>
/// The published coreutils 0.3.4 package, from the shared test cache (<c>$AGENTOS_CACHE_DIR</c>, else
/// <c>&lt;repo&gt;/artifacts/test-cache</c>), downloaded from the npm registry through the library's resolver the first
/// time a machine runs the tests, so these tests never skip.
/// </summary>
internal static class CachedCoreutils
{
    private static readonly Lazy<Task<string>> Package = new(FetchAsync);

    /// <summary>The path of the package's .aospkg file.</summary>
    public static Task<string> PathAsync() => Package.Value;

    private static async Task<string> FetchAsync()
    {
        using var resolver = new SoftwareResolver(new SoftwareResolverOptions { CacheDirectory = CacheDirectory() });
        return (await resolver.ResolveAsync(["coreutils@0.3.4"])).Single().Path;
    }

    private static string CacheDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("AGENTOS_CACHE_DIR");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "AgentOs.slnx")))
            {
                return System.IO.Path.Combine(dir.FullName, "artifacts", "test-cache");
            }
        }

        return System.IO.Path.Combine(System.IO.Path.GetTempPath(), "agentos-test-cache");
    }
}
