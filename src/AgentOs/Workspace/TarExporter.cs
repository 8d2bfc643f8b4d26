using System.Formats.Tar;
using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Vfs;

namespace AgentOs.Workspace;

/// <summary>Writes a VM tree as a PAX tar stream: directories, regular files (streamed, never loaded whole) and
/// symbolic links with their modes, owners and mtimes, names relative to the tree's root. Other types are left out.</summary>
internal sealed class TarExporter
{
    private const int MaxDepth = 256;

    private readonly AgentOsFileSystem _root;

    public TarExporter(AgentOsFileSystem root) => _root = root;

    /// <exception cref="AgentOsFileSystemException">The tree cannot be read.</exception>
    public async Task ExportAsync(string guestPath, TarWriter writer, CancellationToken cancellationToken)
    {
        var stat = _root.Stat(guestPath);
        if (stat.FileType != FileType.Directory)
        {
            await WriteAsync(writer, guestPath, Path.GetFileName(guestPath.TrimEnd('/')), stat, cancellationToken).ConfigureAwait(false);
            return;
        }

        await WriteTreeAsync(writer, guestPath, string.Empty, 0, cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteTreeAsync(TarWriter writer, string directory, string prefix, int depth, CancellationToken cancellationToken)
    {
        if (depth > MaxDepth)
        {
            throw new IOException($"{directory}: more than {MaxDepth} nested directories.");
        }

        foreach (var entry in _root.ReadDirectory(directory))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = prefix + entry.Name;
            var stat = _root.Stat(entry.Path, followSymlinks: false);
            await WriteAsync(writer, entry.Path, name, stat, cancellationToken).ConfigureAwait(false);
            if (stat.FileType == FileType.Directory)
            {
                await WriteTreeAsync(writer, entry.Path, name + "/", depth + 1, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task WriteAsync(TarWriter writer, string path, string name, StatInfo stat, CancellationToken cancellationToken)
    {
        var type = stat.FileType switch
        {
            FileType.Directory => TarEntryType.Directory,
            FileType.RegularFile => TarEntryType.RegularFile,
            FileType.SymbolicLink => TarEntryType.SymbolicLink,
            _ => (TarEntryType?)null,
        };
        if (type is null)
        {
            return;
        }

        var entry = new PaxTarEntry(type.Value, type == TarEntryType.Directory ? name + "/" : name)
        {
            Mode = (UnixFileMode)(stat.Mode & 0xFFF),
            Uid = (int)stat.Uid,
            Gid = (int)stat.Gid,
            ModificationTime = DateTimeOffset.UnixEpoch.AddTicks(stat.ModifyTimeNs / 100),
        };
        if (type == TarEntryType.SymbolicLink)
        {
            var errno = _root.VmKernel.FileSystem.ReadLink(_root.Context, path, out var target);
            entry.LinkName = errno == Kernel.Errno.Success ? target : throw _root.Failure(errno, "readlink", path);
        }

        if (type == TarEntryType.RegularFile)
        {
            await using var data = _root.OpenRead(path);
            entry.DataStream = data;
            await writer.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
            return;
        }

        await writer.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
    }
}
