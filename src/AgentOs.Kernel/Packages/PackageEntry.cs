namespace AgentOs.Kernel.Packages;

/// <summary>
/// One path of a package's read-only tree (a validated <c>TarEntry</c>, spec §1.4). <see cref="Offset"/> is relative
/// to the start of the mount chunk and meaningful for files only.
/// </summary>
internal sealed record PackageEntry(
    string Path,
    PackageEntryKind Kind,
    long Offset,
    long Size,
    uint Mode,
    uint Uid,
    uint Gid,
    long MtimeSeconds,
    string? LinkTarget);
