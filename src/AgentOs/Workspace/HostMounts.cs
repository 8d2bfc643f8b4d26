using AgentOs.Kernel;
using AgentOs.Kernel.Processes;
using AgentOs.Kernel.Vfs;

namespace AgentOs.Workspace;

/// <summary>Checks and sets up <see cref="AgentOsOptions.Mounts"/>: each host tree is copied into its own mount (a
/// file system charged to the VM's budgets), shown in /proc/mounts with the host path as its source.</summary>
internal static class HostMounts
{
    /// <summary>Throws <see cref="ArgumentException"/> for a mount that could never work, before anything is created.</summary>
    public static IReadOnlyList<HostMount> Validate(IList<HostMount>? mounts)
    {
        var result = new List<HostMount>();
        foreach (var mount in mounts ?? [])
        {
            ArgumentNullException.ThrowIfNull(mount);
            if (!Enum.IsDefined(mount.Mode))
            {
                throw new ArgumentException($"mounts: unknown mode {mount.Mode} for {mount.GuestPath}.", nameof(mounts));
            }

            if (string.IsNullOrEmpty(mount.HostPath) || !Directory.Exists(mount.HostPath))
            {
                throw new ArgumentException($"mounts: host directory \"{mount.HostPath}\" does not exist.", nameof(mounts));
            }

            var guest = mount.GuestPath;
            if (string.IsNullOrEmpty(guest) || !guest.StartsWith('/'))
            {
                throw new ArgumentException($"mounts: guest path \"{guest}\" is not absolute.", nameof(mounts));
            }

            var parts = guest.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Any(part => part is "." or ".."))
            {
                throw new ArgumentException($"mounts: guest path \"{guest}\" contains \".\" or \"..\".", nameof(mounts));
            }

            var canonical = "/" + string.Join('/', parts);
            if (parts.Length == 0 || parts[0] is "proc" or "dev")
            {
                throw new ArgumentException($"mounts: cannot mount over \"{canonical}\" (/, /proc and /dev belong to the VM).", nameof(mounts));
            }

            if (result.Any(other => other.GuestPath == canonical))
            {
                throw new ArgumentException($"mounts: \"{canonical}\" is mounted twice.", nameof(mounts));
            }

            result.Add(mount with { HostPath = Path.TrimEndingDirectorySeparator(Path.GetFullPath(mount.HostPath)), GuestPath = canonical });
        }

        return result;
    }

    /// <summary>Creates each mount point (owned by <paramref name="owner"/> when missing), mounts a fresh charged tree
    /// there and copies the host directory in; read-only mounts are switched to read-only last. Returns, per mount,
    /// the host paths copied in.</summary>
    public static IReadOnlyList<IReadOnlySet<string>> Apply(Kernel.Kernel kernel, Credentials owner, IReadOnlyList<HostMount> mounts, CancellationToken cancellationToken)
    {
        var root = new AgentOsFileSystem(kernel, Credentials.Root, "/");
        var imports = new List<IReadOnlySet<string>>();
        foreach (var mount in mounts)
        {
            root.CreateDirectory(mount.GuestPath);
            var fileSystem = kernel.FileSystem.CreateFileSystem(kernel.FilesystemBytesGauge, kernel.InodesGauge);
            if (!fileSystem.TryReserveInode())
            {
                throw root.Failure(Errno.ENOSPC, "mount", mount.GuestPath);
            }

            var tree = new DirectoryInode(fileSystem, 0x1ED, owner.Uid, owner.Gid, isRoot: true);
            var fsType = mount.Mode == HostMountMode.Overlay ? "overlay" : "hostfs";
            var errno = kernel.FileSystem.Mount(mount.GuestPath, tree, readOnly: false, mount.HostPath, fsType);
            if (errno != Errno.Success)
            {
                fileSystem.ReleaseInode();
                throw root.Failure(errno, "mount", mount.GuestPath);
            }

            var imported = new HashSet<string>(StringComparer.Ordinal);
            new HostTreeImporter(root, owner.Uid, owner.Gid, cancellationToken, imported).Import(mount.HostPath, mount.GuestPath);
            imports.Add(imported);
            if (mount.Mode == HostMountMode.ReadOnly)
            {
                errno = kernel.FileSystem.Remount(PathContext.Root, mount.GuestPath, readOnly: true);
                if (errno != Errno.Success)
                {
                    throw root.Failure(errno, "remount", mount.GuestPath);
                }
            }
        }

        return imports;
    }
}
