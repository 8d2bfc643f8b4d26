using AgentOs.Kernel.Fds;

namespace AgentOs.Orleans;

/// <summary>One directory entry of a VM.</summary>
/// <param name="Name">The entry's name.</param>
/// <param name="IsDirectory">Whether it is a directory.</param>
/// <param name="Size">Its size in bytes.</param>
[GenerateSerializer]
[Alias("AgentOs.Orleans.VmFileEntry")]
public sealed record VmFileEntry([property: Id(0)] string Name, [property: Id(1)] bool IsDirectory, [property: Id(2)] long Size)
{
    /// <summary>Its type (regular file, directory, symlink, …).</summary>
    [Id(3)] public FileType Type { get; init; }
}
