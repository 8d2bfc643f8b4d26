namespace AgentOs.Kernel.Tests.Packages;

/// <summary>One index entry of a test package; overrides let tests write invalid ranges.</summary>
internal sealed record TestEntry(string Path, ulong Kind, uint Mode)
{
    public byte[]? Data { get; init; }

    public string? LinkTarget { get; init; }

    public uint Uid { get; init; }

    public uint Gid { get; init; }

    public long Mtime { get; init; }

    public ulong? OffsetOverride { get; init; }

    public ulong? SizeOverride { get; init; }
}
