using System.Text;
using AgentOs.Kernel.Packages;
using AgentOs.Kernel.Vfs;

namespace AgentOs.Kernel;

/// <summary>
/// Software packages (spec §1.7): each .aospkg is mounted read-only at /opt/agentos/pkgs/&lt;name&gt;/&lt;version&gt;
/// with a "current" alias, a command link per exported command in /opt/agentos/bin, and /bin links to those.
/// </summary>
public sealed partial class Kernel
{
    /// <summary>Where package trees are mounted, one directory per package name.</summary>
    internal const string PackagesDirectory = "/opt/agentos/pkgs";

    /// <summary>Where every package's command links live (first on the default PATH).</summary>
    internal const string CommandsDirectory = "/opt/agentos/bin";

    private const string PackageFsType = "agentos_packages";

    /// <summary>
    /// Mounts <paramref name="package"/> (validated by <see cref="AospkgReader"/>; its files are read on demand
    /// from its source, which must stay open while the kernel lives) and creates its links, all or nothing.
    /// <paramref name="sha256"/> is the package file's digest (hex), the prefix of the files' content keys.
    /// The kernel-made directories and links are owned by root and not charged to the VM's budgets.
    /// </summary>
    /// <returns>EINVAL for a name or version that is not a single path component; EEXIST when that version is
    /// already mounted (or something is at its path) or a command is already linked in /opt/agentos/bin (two
    /// packages exporting one command is a configuration error); other path errors (ENOENT, ENOTDIR, EROFS) when
    /// the directories were tampered with. On failure nothing of the package is left behind.</returns>
    /// <exception cref="ArgumentException"><paramref name="sha256"/> is not 64 hex digits.</exception>
    internal Errno MountPackage(AospkgPackage package, string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigit))
        {
            throw new ArgumentException("A package digest is 64 hex digits.", nameof(sha256));
        }

        if (!IsPathComponent(package.Name) || !IsPathComponent(package.Version))
        {
            return Errno.EINVAL;
        }

        var tree = PackageFileSystem.Build(package, sha256.ToLowerInvariant(), FileSystem.CreateFileSystem());
        return FileSystem.RunLocked(() => ProjectPackage(package, tree));
    }

    private static bool IsPathComponent(string name) =>
        name.Length > 0
        && name is not ("." or "..")
        && name.IndexOfAny(['/', '\0']) < 0
        && Encoding.UTF8.GetByteCount(name) <= VirtualFileSystem.NameMax;

    /// <summary>The checks and creations of <see cref="MountPackage"/>; runs under the namespace lock.</summary>
    private Errno ProjectPackage(AospkgPackage package, DirectoryInode tree)
    {
        var result = CheckFree(PackagesDirectory + "/" + package.Name + "/" + package.Version);
        for (var i = 0; i < package.Commands.Count && result == Errno.Success; i++)
        {
            result = CheckFree(CommandsDirectory + "/" + package.Commands[i].Name);
        }

        if (result != Errno.Success)
        {
            return result;
        }

        var created = new List<(string Path, bool IsDirectory)>();
        result = CreateAndMount(package, tree, created);
        if (result != Errno.Success)
        {
            for (var i = created.Count - 1; i >= 0; i--)
            {
                var (path, isDirectory) = created[i];
                var undone = isDirectory ? FileSystem.Rmdir(PathContext.Root, path) : FileSystem.Unlink(PathContext.Root, path);
                if (undone != Errno.Success)
                {
                    throw new InvalidOperationException($"Undoing {path} failed with {undone} under the namespace lock.");
                }
            }
        }

        return result;
    }

    /// <summary>Creates the directories and links (recording each in <paramref name="created"/> for undoing), then
    /// mounts; the mount comes last so it never needs undoing.</summary>
    private Errno CreateAndMount(AospkgPackage package, DirectoryInode tree, List<(string Path, bool IsDirectory)> created)
    {
        var packageDirectory = PackagesDirectory + "/" + package.Name;
        var mountPath = packageDirectory + "/" + package.Version;
        var result = CreateMissing(created, packageDirectory, isDirectory: true, target: null);
        if (result != Errno.Success
            || (result = Create(created, mountPath, isDirectory: true, target: null)) != Errno.Success
            || (result = CreateMissing(created, packageDirectory + "/current", isDirectory: false, package.Version)) != Errno.Success)
        {
            return result;
        }

        foreach (var command in package.Commands)
        {
            var link = CommandsDirectory + "/" + command.Name;
            if ((result = Create(created, link, isDirectory: false, mountPath + command.EntryPath)) != Errno.Success
                || (result = CreateMissing(created, "/bin/" + command.Name, isDirectory: false, link)) != Errno.Success)
            {
                return result;
            }
        }

        return FileSystem.Mount(mountPath, tree, readOnly: true, PackageFsType, PackageFsType, "relatime");
    }

    /// <summary>EEXIST when something (even a dangling symlink) is at <paramref name="path"/>; Success when nothing.</summary>
    private Errno CheckFree(string path)
    {
        var result = FileSystem.Stat(PathContext.Root, path, follow: false, out _);
        return result switch
        {
            Errno.Success => Errno.EEXIST,
            Errno.ENOENT => Errno.Success,
            _ => result,
        };
    }

    /// <summary>Creates a root-owned uncharged directory (0755) or symlink to <paramref name="target"/>.</summary>
    private Errno Create(List<(string Path, bool IsDirectory)> created, string path, bool isDirectory, string? target)
    {
        var result = isDirectory ? FileSystem.MkdirUncharged(path, 0x1ED) : FileSystem.SymlinkUncharged(target!, path);
        if (result == Errno.Success)
        {
            created.Add((path, isDirectory));
        }

        return result;
    }

    /// <summary><see cref="Create"/>, leaving an existing entry alone.</summary>
    private Errno CreateMissing(List<(string Path, bool IsDirectory)> created, string path, bool isDirectory, string? target)
    {
        var result = Create(created, path, isDirectory, target);
        return result == Errno.EEXIST ? Errno.Success : result;
    }
}
