namespace AgentOs.Kernel.Tests.Packages;

/// <summary>A fact that is skipped (visibly) until the real coreutils package is in the test cache; CI fills the cache
/// first and sets <c>AGENTOS_REQUIRE_TEST_CACHE=1</c>, so there it runs (and fails without the package).</summary>
internal sealed class CachedCoreutilsFactAttribute : FactAttribute
{
    public CachedCoreutilsFactAttribute()
    {
        if (CachedCoreutils.Path is null && Environment.GetEnvironmentVariable("AGENTOS_REQUIRE_TEST_CACHE") != "1")
        {
            Skip = "coreutils 0.3.4 is not in the test cache yet; run tests/AgentOs.Tests once to download it";
        }
    }
}
