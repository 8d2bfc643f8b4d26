using AgentOs.Kernel.Limits;

namespace AgentOs.Cli;

internal static class GuestSession
{
    public enum StdinMode
    {
        IfRedirected,
        Always,
    }

    public static Task<int> RunAsync(VmSettings settings, string program, IReadOnlyList<string> args, StdinMode stdin) =>
        throw new NotSupportedException("pending library");

    public static Task<(int Status, EffectiveLimits Effective, IReadOnlyList<LimitUsage> Usage)> MeasureAsync(VmSettings settings, string? commandLine) =>
        throw new NotSupportedException("pending library");
}
