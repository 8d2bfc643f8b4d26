using AgentOs.Kernel.Vfs;

namespace AgentOs.Kernel.Packages;

/// <summary>
/// A regular file of a mounted package: its bytes are read on demand from the package's source (no copy), so any
/// number of threads may read it at once. Read-only; never charged to a budget.
/// </summary>
internal sealed class PackageFileInode : RegularFileInode
{
    private readonly AospkgPackage _package;
    private readonly PackageEntry _entry;

    public PackageFileInode(FileSystemInstance fileSystem, AospkgPackage package, PackageEntry entry, string packageSha256)
        : base(fileSystem, entry.Mode, entry.Uid, entry.Gid)
    {
        _package = package;
        _entry = entry;
        ContentKey = packageSha256 + ":" + entry.Path;
    }

    /// <summary>"&lt;package sha256 hex&gt;:&lt;entry path&gt;": package contents never change under a digest.</summary>
    public override string ContentKey { get; }

    /// <inheritdoc/>
    public override long Length => _entry.Size;

    /// <inheritdoc/>
    /// <exception cref="IOException">The host's package source is shorter than when it was validated.</exception>
    public override int Read(long offset, Span<byte> destination) =>
        TryRead(offset, destination, out var read) == Errno.Success
            ? read
            : throw new IOException($"Package file {ContentKey} could not be read at offset {offset}: the package source changed.");

    /// <inheritdoc/>
    public override Errno TryRead(long offset, Span<byte> destination, out int read) =>
        _package.ReadFile(_entry, offset, destination, out read);
}
