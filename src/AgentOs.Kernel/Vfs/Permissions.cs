using AgentOs.Kernel.Processes;

namespace AgentOs.Kernel.Vfs;

/// <summary>Discretionary access checks from mode/uid/gid (POSIX), with root's CAP_DAC_OVERRIDE bypass.</summary>
internal static class Permissions
{
    public const int Read = 4;
    public const int Write = 2;
    public const int Execute = 1;

    /// <summary>Whether <paramref name="credentials"/> may access <paramref name="inode"/> for all of
    /// <paramref name="wanted"/> (R=4, W=2, X=1). Root passes, except that executing a non-directory needs at least
    /// one x bit.</summary>
    public static bool Allows(Credentials credentials, Inode inode, int wanted)
    {
        var mode = inode.Mode;
        if (credentials.IsRoot)
        {
            return (wanted & Execute) == 0 || inode is DirectoryInode || (mode & 0x49) != 0;
        }

        uint granted;
        if (credentials.EffectiveUid == inode.Uid)
        {
            granted = (mode >> 6) & 7;
        }
        else if (credentials.InGroup(inode.Gid))
        {
            granted = (mode >> 3) & 7;
        }
        else
        {
            granted = mode & 7;
        }

        return (granted & (uint)wanted) == (uint)wanted;
    }

    public static bool IsOwnerOrRoot(Credentials credentials, Inode inode) =>
        credentials.IsRoot || credentials.EffectiveUid == inode.Uid;

    /// <summary>The sticky-bit rule: in a sticky directory only the owner of the entry or of the directory (or root)
    /// may remove or rename it.</summary>
    public static bool MayRemoveFrom(Credentials credentials, DirectoryInode directory, Inode victim) =>
        (directory.Mode & ModeBits.Sticky) == 0
        || IsOwnerOrRoot(credentials, victim)
        || credentials.EffectiveUid == directory.Uid;

    /// <summary>The group a new inode gets: the parent's when it is set-group-ID, else the creator's.</summary>
    public static uint GroupForNewInode(Credentials credentials, DirectoryInode parent) =>
        (parent.Mode & ModeBits.SetGid) != 0 ? parent.Gid : credentials.EffectiveGid;
}
