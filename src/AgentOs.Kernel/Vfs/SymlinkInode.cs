using System.Text;

namespace AgentOs.Kernel.Vfs;

/// <summary>A symbolic link. Its target's UTF-8 bytes are charged to the byte budget while it lives (unless the
/// link is not <see cref="Inode.Charged"/>).</summary>
internal sealed class SymlinkInode : Inode
{
    public SymlinkInode(FileSystemInstance fileSystem, string target, uint uid, uint gid)
        : base(fileSystem, ModeBits.Symlink | 0x1FF, uid, gid)
    {
        Target = target;
        TargetBytes = Encoding.UTF8.GetByteCount(target);
    }

    public string Target { get; }

    /// <summary>The charged size of the target.</summary>
    public long TargetBytes { get; }

    /// <inheritdoc/>
    public override long Size => TargetBytes;

    /// <inheritdoc/>
    protected override void ReleaseStorage()
    {
        if (Charged)
        {
            FileSystem.ReleaseBytes(TargetBytes);
        }
    }
}
