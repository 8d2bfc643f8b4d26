using System.Diagnostics.CodeAnalysis;

namespace AgentOs.Kernel.Packages;

/// <summary>
/// A validated .aospkg (spec §1): manifest, sorted mount index and random access to file data. Immutable and safe to
/// share between threads; file bytes are read on demand from the <see cref="IPackageSource"/>.
/// </summary>
internal sealed class AospkgPackage
{
    private readonly IPackageSource _source;
    private readonly PackageEntry[] _entries;
    private readonly Dictionary<string, int> _indexByPath;
    private readonly PackageCommand[] _commands;
    private readonly Dictionary<string, PackageCommand> _commandsByName;

    internal AospkgPackage(
        IPackageSource source,
        string name,
        string version,
        long mountBase,
        PackageEntry[] entries,
        Dictionary<string, int> indexByPath,
        PackageCommand[] commands)
    {
        _source = source;
        Name = name;
        Version = version;
        MountBase = mountBase;
        _entries = entries;
        _indexByPath = indexByPath;
        _commands = commands;
        _commandsByName = commands.ToDictionary(c => c.Name, StringComparer.Ordinal);
    }

    public string Name { get; }

    public string Version { get; }

    /// <summary>File offset of the mount chunk; entry offsets are relative to it.</summary>
    public long MountBase { get; }

    /// <summary>Entries sorted byte-wise by path; the first is always the root directory "/".</summary>
    public IReadOnlyList<PackageEntry> Entries => _entries;

    /// <summary>Exported commands in manifest order.</summary>
    public IReadOnlyList<PackageCommand> Commands => _commands;

    /// <summary>The position of <paramref name="path"/> in <see cref="Entries"/> (stable; usable for inode numbers), or -1.</summary>
    public int IndexOf(string path) => _indexByPath.TryGetValue(path, out int index) ? index : -1;

    public bool TryGetEntry(string path, [NotNullWhen(true)] out PackageEntry? entry)
    {
        int index = IndexOf(path);
        entry = index >= 0 ? _entries[index] : null;
        return entry is not null;
    }

    /// <summary>The entry a command names (not following symlinks).</summary>
    public bool TryGetCommand(string command, [NotNullWhen(true)] out PackageEntry? entry)
    {
        entry = null;
        return _commandsByName.TryGetValue(command, out PackageCommand? target) && TryGetEntry(target.EntryPath, out entry);
    }

    /// <summary>
    /// Reads file bytes at <paramref name="offset"/> within the file; <paramref name="bytesRead"/> is 0 at or past the
    /// end. EISDIR for directories, EINVAL for symlinks or a negative offset, EIO if the source is shorter than
    /// validated (the host file changed underneath).
    /// </summary>
    public Errno ReadFile(PackageEntry entry, long offset, Span<byte> buffer, out int bytesRead)
    {
        bytesRead = 0;
        if (entry.Kind == PackageEntryKind.Directory)
        {
            return Errno.EISDIR;
        }

        if (entry.Kind != PackageEntryKind.File || offset < 0)
        {
            return Errno.EINVAL;
        }

        if (offset >= entry.Size)
        {
            return Errno.Success;
        }

        int count = (int)Math.Min(buffer.Length, entry.Size - offset);
        long position = MountBase + entry.Offset + offset;
        while (bytesRead < count)
        {
            int n = _source.Read(position + bytesRead, buffer[bytesRead..count]);
            if (n <= 0)
            {
                bytesRead = 0;
                return Errno.EIO;
            }

            bytesRead += n;
        }

        return Errno.Success;
    }
}
