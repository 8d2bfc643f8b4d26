namespace AgentOs.Kernel.Processes;

/// <summary>A process's identity: real/effective ids and supplementary groups. Immutable; replaced on change.</summary>
public sealed record Credentials(uint Uid, uint Gid, uint EffectiveUid, uint EffectiveGid, IReadOnlyList<uint> Groups)
{
    /// <summary>The superuser.</summary>
    public static Credentials Root { get; } = new(0, 0, 0, 0, [0]);

    /// <summary>The reference VM's default user, <c>agentos</c> (uid/gid 1000).</summary>
    public static Credentials AgentOsUser { get; } = new(1000, 1000, 1000, 1000, [1000]);

    /// <summary>Whether the effective user is root (bypasses permission bits, as CAP_DAC_OVERRIDE).</summary>
    public bool IsRoot => EffectiveUid == 0;

    /// <summary>Whether <paramref name="gid"/> is the effective or a supplementary group.</summary>
    public bool InGroup(uint gid) => EffectiveGid == gid || Groups.Contains(gid);
}
