namespace AgentOs.Kernel.Tests.Packages;

/// <summary>
/// Finds coreutils 0.3.4 in the shared test cache that AgentOs.Tests fills (<c>$AGENTOS_CACHE_DIR</c>, else
/// <c>&lt;repo&gt;/artifacts/test-cache</c>); the kernel tests never download.
/// </summary>
internal static class CachedCoreutils
{
    public static string? Path { get; } = Locate();

    private static string? Locate()
    {
        string? root = Environment.GetEnvironmentVariable("AGENTOS_CACHE_DIR");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); string.IsNullOrWhiteSpace(root) && dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "AgentOs.slnx")))
            {
                root = System.IO.Path.Combine(dir.FullName, "artifacts", "test-cache");
            }
        }

        string refPath = System.IO.Path.Combine(root ?? string.Empty, "packages", "refs", "coreutils@0.3.4");
        if (root is null || !File.Exists(refPath))
        {
            return null;
        }

        string blob = System.IO.Path.Combine(root, "packages", File.ReadAllText(refPath).Trim() + ".aospkg");
        return File.Exists(blob) ? blob : null;
    }
}
