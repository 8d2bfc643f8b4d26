using System.Text;

namespace AgentOs.Kernel.Vfs;

public sealed partial class VirtualFileSystem
{
    /// <summary>
    /// Shows the tree rooted at <paramref name="root"/> at <paramref name="path"/> (an existing directory, resolved
    /// as root). Mutations below a read-only mount fail with EROFS; rename/link across mounts with EXDEV.
    /// ENOENT, ENOTDIR, EBUSY (already a mount point, or the tree is mounted elsewhere). <c>options</c> are extra
    /// /proc/mounts options after "ro"/"rw", e.g. "relatime".
    /// </summary>
    internal Errno Mount(string path, Inode root, bool readOnly, string source, string fsType, string options = "")
    {
        if (root is not DirectoryInode tree)
        {
            return Errno.ENOTDIR;
        }

        lock (_namespace)
        {
            var result = Walk(PathContext.Root, path, followFinal: true, out var lookup);
            if (result != Errno.Success)
            {
                return result;
            }

            if (lookup.Node is null)
            {
                return Errno.ENOENT;
            }

            if (lookup.Node is not DirectoryInode covered)
            {
                return Errno.ENOTDIR;
            }

            if (lookup.NodeIsMountRoot || _mounts.Exists(mount => ReferenceEquals(mount.Root, tree)))
            {
                return Errno.EBUSY;
            }

            var mountPoint = new MountPoint(lookup.CanonicalPath(), covered, tree, readOnly, source, fsType, options);
            _mounts.Add(mountPoint);
            _mountsByCovered.Add(covered, mountPoint);
            return Errno.Success;
        }
    }

    /// <summary>remount: switches the mount at <paramref name="path"/> between read-only and read-write. Root only
    /// (EPERM); EINVAL when the path is not a mount point.</summary>
    public Errno Remount(in PathContext context, string path, bool readOnly)
    {
        if (!context.Credentials.IsRoot)
        {
            return Errno.EPERM;
        }

        lock (_namespace)
        {
            var result = Walk(context, path, followFinal: true, out var lookup);
            if (result != Errno.Success)
            {
                return result;
            }

            if (lookup.Node is null)
            {
                return Errno.ENOENT;
            }

            if (!lookup.NodeIsMountRoot)
            {
                return Errno.EINVAL;
            }

            lookup.NodeMount.ReadOnly = readOnly;
            return Errno.Success;
        }
    }

    /// <summary>The /proc/mounts text: "source target fstype options 0 0" per mount, in mount order.</summary>
    internal string MountsText()
    {
        lock (_namespace)
        {
            var text = new StringBuilder();
            foreach (var mount in _mounts)
            {
                var options = mount.ReadOnly ? "ro" : "rw";
                if (mount.Options.Length > 0)
                {
                    options += "," + mount.Options;
                }

                text.Append(EscapeMountField(mount.Source)).Append(' ')
                    .Append(EscapeMountField(mount.Path)).Append(' ')
                    .Append(EscapeMountField(mount.FsType)).Append(' ')
                    .Append(options).Append(" 0 0\n");
            }

            return text.ToString();
        }
    }

    // fstab-style octal escapes, so a field never contains the separators.
    private static string EscapeMountField(string field) =>
        field.Replace("\\", "\\134", StringComparison.Ordinal)
            .Replace(" ", "\\040", StringComparison.Ordinal)
            .Replace("\t", "\\011", StringComparison.Ordinal)
            .Replace("\n", "\\012", StringComparison.Ordinal);
}
