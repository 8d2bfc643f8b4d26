using AgentOs.Kernel.Limits;
using AgentOs.Tests.Software;

namespace AgentOs.Tests.Vm;

/// <summary>Options for test VMs: the shared test package cache and the default software set.</summary>
internal static class VmOptions
{
    public static AgentOsOptions Create(ResourceLimits? resources = null, Action<AgentOsOptions>? configure = null)
    {
        var options = new AgentOsOptions
        {
            CacheDirectory = TestPackageCache.Directory,
            Limits = new LimitsOptions { Resources = resources ?? new ResourceLimits() },
        };
        configure?.Invoke(options);
        return options;
    }

    public static Task<AgentOsVm> CreateVmAsync(ResourceLimits? resources = null, Action<AgentOsOptions>? configure = null) =>
        AgentOsVm.CreateAsync(Create(resources, configure));

    /// <summary>Spins until <paramref name="condition"/> holds (a kernel-visible state), failing after a generous timeout.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what, int timeoutMs = 30_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            Assert.True(Environment.TickCount64 < deadline, $"Timed out waiting for: {what}");
            await Task.Delay(5);
        }
    }
}
