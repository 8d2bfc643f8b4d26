namespace AgentOs.Kernel.Tests.Vfs;

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    public DateTimeOffset Now { get; set; } = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public long NowNs => (Now - DateTimeOffset.UnixEpoch).Ticks * 100;

    public override DateTimeOffset GetUtcNow() => Now;
}
