namespace AgentOs.Kernel.Tests.Packages;

/// <summary>A fact that is skipped (visibly) until the real coreutils package is in the test cache.</summary>
internal sealed class CachedCoreutilsFactAttribute : FactAttribute
{
    public CachedCoreutilsFactAttribute()
    {
        if (CachedCoreutils.Path is null)
        {
            Skip = "coreutils 0.3.4 is not in the test cache yet; run tests/AgentOs.Tests once to download it";
        }
    }
}
