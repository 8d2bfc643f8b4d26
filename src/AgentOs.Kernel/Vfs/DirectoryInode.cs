using AgentOs.Kernel.Fds;

namespace AgentOs.Kernel.Vfs;

/// <summary>
/// A directory: named entries plus stable readdir cookies. Every entry gets a per-directory sequence number when
/// it is inserted, never reused; a cookie is "the next sequence number to return", so a listing resumed after
/// concurrent inserts and deletes returns no entry twice and misses none that stayed put. Cookies 0 and 1 are
/// "." and "..".
/// </summary>
/// <remarks>Entries, <see cref="Parent"/> and link counts are guarded by the VFS namespace lock (or owned by the
/// builder of a tree that is not mounted yet).</remarks>
internal sealed class DirectoryInode : Inode
{
    private const long FirstEntryCookie = 2;

    private readonly Dictionary<string, Entry> _byName = new(StringComparer.Ordinal);
    private readonly SortedList<long, Entry> _bySequence = [];
    private long _nextSequence = FirstEntryCookie;

    /// <summary>Creates a detached directory (link count 1 for "."; linking it into a parent adds one).
    /// A root directory is its own parent and gets link count 2.</summary>
    public DirectoryInode(FileSystemInstance fileSystem, uint permissions, uint uid, uint gid, bool isRoot = false)
        : base(fileSystem, ModeBits.Directory | (permissions & ModeBits.PermissionMask), uid, gid)
    {
        Parent = this;
        LinkCount = isRoot ? 2 : 1;
    }

    /// <summary>The directory holding this one (itself for a file system root).</summary>
    public DirectoryInode Parent { get; private set; }

    /// <summary>The number of entries (without "." and "..").</summary>
    public int Count => _byName.Count;

    /// <inheritdoc/>
    public override long Size => 4096;

    /// <summary>The entries in insertion order (a copy).</summary>
    public List<KeyValuePair<string, Inode>> Entries() =>
        [.. _bySequence.Values.Select(entry => new KeyValuePair<string, Inode>(entry.Name, entry.Inode))];

    public Inode? Lookup(string name) => _byName.TryGetValue(name, out var entry) ? entry.Inode : null;

    /// <summary>Adds an entry for <paramref name="inode"/>, counting the link (and the child's ".." for a directory).</summary>
    public void Link(string name, Inode inode)
    {
        var entry = new Entry(name, inode, _nextSequence++);
        _byName.Add(name, entry);
        _bySequence.Add(entry.Sequence, entry);
        inode.LinkCount++;
        if (inode is DirectoryInode child)
        {
            LinkCount++;
            child.Parent = this;
        }
    }

    /// <summary>Removes the entry <paramref name="name"/>, uncounting its link; returns the inode it named.</summary>
    public Inode Unlink(string name)
    {
        if (!_byName.Remove(name, out var entry))
        {
            throw new InvalidOperationException($"Directory entry {name} does not exist.");
        }

        _bySequence.Remove(entry.Sequence);
        entry.Inode.LinkCount--;
        if (entry.Inode is DirectoryInode)
        {
            LinkCount--;
        }

        return entry.Inode;
    }

    /// <summary>Appends up to <paramref name="maxEntries"/> entries starting at <paramref name="cookie"/>.</summary>
    public void Read(long cookie, int maxEntries, List<DirectoryEntry> entries)
    {
        var added = 0;
        if (cookie <= 0 && added < maxEntries)
        {
            entries.Add(new DirectoryEntry(".", Ino, FileType.Directory, 1));
            added++;
        }

        if (cookie <= 1 && added < maxEntries)
        {
            entries.Add(new DirectoryEntry("..", Parent.Ino, FileType.Directory, FirstEntryCookie));
            added++;
        }

        var keys = _bySequence.Keys;
        var values = _bySequence.Values;
        for (var i = LowerBound(keys, Math.Max(cookie, FirstEntryCookie)); i < keys.Count && added < maxEntries; i++, added++)
        {
            var entry = values[i];
            entries.Add(new DirectoryEntry(entry.Name, entry.Inode.Ino, entry.Inode.Type, entry.Sequence + 1));
        }
    }

    private static int LowerBound(IList<long> keys, long value)
    {
        int low = 0, high = keys.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (keys[middle] < value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private sealed record Entry(string Name, Inode Inode, long Sequence);
}
