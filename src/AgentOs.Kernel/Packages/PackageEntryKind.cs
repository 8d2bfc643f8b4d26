namespace AgentOs.Kernel.Packages;

/// <summary>The <c>TarEntryKind</c> enum of the .aospkg mount index (spec §1.4); values are the wire ordinals.</summary>
internal enum PackageEntryKind
{
    File = 0,
    Directory = 1,
    Symlink = 2,
}
