namespace AgentOs.Kernel.Vfs;

/// <summary>
/// The outcome of resolving a path: the parent directory and final name, and the inode the name refers to (null
/// when it does not exist). A path ending in "/", "." or ".." has no parent/name pair: <see cref="Parent"/> is
/// null, <see cref="Name"/> is that last component ("/" for the root) and <see cref="Node"/> the directory.
/// </summary>
internal readonly struct PathLookup
{
    public PathLookup(List<PathFrame> frames, string name, Inode? node, MountPoint nodeMount, bool trailingSlash, bool isSpecial)
    {
        Frames = frames;
        Name = name;
        Node = node;
        NodeMount = nodeMount;
        TrailingSlash = trailingSlash;
        IsSpecial = isSpecial;
    }

    /// <summary>The directories from the root to the parent (for a special path: to the node itself).</summary>
    public List<PathFrame> Frames { get; }

    public string Name { get; }

    public Inode? Node { get; }

    /// <summary>The mount the node is seen through (for a mounted-over directory: the mount it is the root of).</summary>
    public MountPoint NodeMount { get; }

    public bool TrailingSlash { get; }

    /// <summary>The path ended in "/", "." or "..".</summary>
    public bool IsSpecial { get; }

    public DirectoryInode? Parent => IsSpecial ? null : Frames[^1].Directory;

    public MountPoint ParentMount => Frames[^1].Mount;

    /// <summary>Whether the node is the root of a mount (mount points cannot be removed or renamed: EBUSY).</summary>
    public bool NodeIsMountRoot => Node is not null && ReferenceEquals(Node, NodeMount.Root);

    /// <summary>The canonical absolute path of the node.</summary>
    public string CanonicalPath()
    {
        var builder = new System.Text.StringBuilder();
        for (var i = 1; i < Frames.Count; i++)
        {
            builder.Append('/').Append(Frames[i].Name);
        }

        if (!IsSpecial)
        {
            builder.Append('/').Append(Name);
        }

        return builder.Length == 0 ? "/" : builder.ToString();
    }
}
