namespace AgentOs.Kernel.Vfs;

/// <summary>
/// A read-only synthesized file (e.g. /proc/mounts): each open takes a snapshot of the generator's output, so one
/// reader sees consistent content. stat reports size 0, as procfs does.
/// </summary>
internal sealed class GeneratedFileInode : Inode
{
    private readonly Func<string> _generate;

    /// <summary>Creates the file; <c>generate</c> produces its content and runs with the VFS namespace lock held.</summary>
    public GeneratedFileInode(FileSystemInstance fileSystem, uint permissions, Func<string> generate)
        : base(fileSystem, ModeBits.Regular | (permissions & ModeBits.PermissionMask), 0, 0)
    {
        _generate = generate;
    }

    /// <summary>A detached read-only inode (same ino and mode) holding the content as of now.</summary>
    public ByteArrayFileInode Snapshot() =>
        new(FileSystem, Ino, Mode, Uid, Gid, System.Text.Encoding.UTF8.GetBytes(_generate()));
}
