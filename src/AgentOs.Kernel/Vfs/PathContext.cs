using AgentOs.Kernel.Processes;

namespace AgentOs.Kernel.Vfs;

/// <summary>Who resolves a path and from where: the caller's credentials, the absolute directory relative paths
/// start from (the process cwd, or the path of the directory fd of an *at call) and the umask applied on create.</summary>
public readonly record struct PathContext(Credentials Credentials, string WorkingDirectory, uint Umask)
{
    /// <summary>The superuser at <c>/</c> with umask 022 (host-side setup code).</summary>
    public static PathContext Root => new(Credentials.Root, "/", 0x12);
}
