using System.Text;
using AgentOs.Kernel;
using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Processes;
using AgentOs.Kernel.Vfs;

namespace AgentOs;

/// <summary>
/// The host's view of a VM's filesystem. Every operation runs with one identity — the VM user for
/// <see cref="AgentOsVm.FileSystem"/>, root for <see cref="AgentOsVm.RootFileSystem"/> — with permission checks,
/// umask 022, and <c>maxFilesystemBytes</c>/<c>maxInodeCount</c> enforced exactly as for guests. Relative paths start
/// at the VM's working directory. Failures throw <see cref="AgentOsFileSystemException"/> carrying the errno and path.
/// The filesystem is in memory: calls complete without blocking.
/// </summary>
public sealed class AgentOsFileSystem
{
    private const uint FileMode = 0x1B6; // 0666 before the umask
    private const uint DirectoryMode = 0x1FF; // 0777 before the umask
    private const int ReadDirectoryBatch = 256;

    private readonly Kernel.Kernel _kernel;
    private readonly PathContext _context;

    internal AgentOsFileSystem(Kernel.Kernel kernel, Credentials credentials, string workingDirectory)
    {
        _kernel = kernel;
        _context = new PathContext(credentials, workingDirectory, 0x12);
    }

    /// <summary>The kernel this view works on.</summary>
    internal Kernel.Kernel VmKernel => _kernel;

    /// <summary>The identity, working directory and umask of every operation.</summary>
    internal PathContext Context => _context;

    /// <summary>Reads a whole file.</summary>
    /// <exception cref="AgentOsFileSystemException">The file cannot be opened or read (EFBIG past 2 GiB).</exception>
    public byte[] ReadAllBytes(string path)
    {
        using var stream = OpenRead(path);
        if (!stream.CanSeek)
        {
            return ReadToEnd(stream, path);
        }

        // A regular file: read straight into an array of its size, no intermediate buffer or copies.
        var length = stream.Length;
        if (length > Array.MaxLength)
        {
            throw Failure(Errno.EFBIG, "read", path);
        }

        var result = GC.AllocateUninitializedArray<byte>((int)length);
        var filled = stream.ReadAtLeast(result, result.Length, throwOnEndOfStream: false);
        if (filled < result.Length)
        {
            return result[..filled]; // Truncated meanwhile.
        }

        // Grown meanwhile: take the rest too, as a read to EOF would.
        var probe = new byte[1];
        return stream.Read(probe) == 0 ? result : [.. result, probe[0], .. ReadToEnd(stream, path)];
    }

    private byte[] ReadToEnd(Stream stream, string path)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int n;
        while ((n = stream.Read(chunk)) > 0)
        {
            if (buffer.Length + n > Array.MaxLength)
            {
                throw Failure(Errno.EFBIG, "read", path);
            }

            buffer.Write(chunk, 0, n);
        }

        return buffer.ToArray();
    }

    /// <summary>Reads a whole file as UTF-8 text.</summary>
    /// <exception cref="AgentOsFileSystemException">The file cannot be opened or read.</exception>
    public string ReadAllText(string path) => Encoding.UTF8.GetString(ReadAllBytes(path));

    /// <summary>Creates or truncates <paramref name="path"/> (mode 0644) and writes <paramref name="bytes"/>.</summary>
    /// <exception cref="AgentOsFileSystemException">The file cannot be created, or the data does not fit (ENOSPC).</exception>
    public void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        using var stream = OpenWrite(path);
        stream.Write(bytes);
    }

    /// <summary>Creates or truncates <paramref name="path"/> (mode 0644) and writes <paramref name="text"/> as UTF-8.</summary>
    /// <exception cref="AgentOsFileSystemException">The file cannot be created, or the data does not fit (ENOSPC).</exception>
    public void WriteAllText(string path, string text) => WriteAllBytes(path, Encoding.UTF8.GetBytes(text));

    /// <summary>Opens an existing file for reading; the stream is seekable for regular files.</summary>
    /// <exception cref="AgentOsFileSystemException">The file cannot be opened.</exception>
    public Stream OpenRead(string path) => Open(path, OpenFlags.ReadOnly, "open");

    /// <summary>Creates or truncates a file (mode 0644) and opens it for writing; no size limit but the VM's budget.</summary>
    /// <exception cref="AgentOsFileSystemException">The file cannot be created or opened.</exception>
    public Stream OpenWrite(string path) => Open(path, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Truncate, "open");

    /// <summary>Opens a file for appending, creating it (mode 0644) if needed.</summary>
    /// <exception cref="AgentOsFileSystemException">The file cannot be created or opened.</exception>
    public Stream OpenAppend(string path) => Open(path, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Append, "open");

    /// <summary>Creates a directory and any missing parents (mode 0755), as <c>mkdir -p</c>; an existing directory is fine.</summary>
    /// <exception cref="AgentOsFileSystemException">A component exists and is not a directory, or cannot be created.</exception>
    public void CreateDirectory(string path)
    {
        var full = Absolute(path);
        var current = string.Empty;
        foreach (var part in full.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current += "/" + part;
            var errno = _kernel.FileSystem.Mkdir(_context, current, DirectoryMode);
            if (errno == Errno.EEXIST)
            {
                errno = _kernel.FileSystem.Stat(_context, current, follow: true, out var stat);
                if (errno == Errno.Success && stat.FileType != FileType.Directory)
                {
                    errno = Errno.ENOTDIR;
                }
            }

            if (errno != Errno.Success)
            {
                throw Failure(errno, "mkdir", current);
            }
        }
    }

    /// <summary>
    /// Lists a directory (without "." and ".."), in directory order; with <paramref name="recursive"/>, every entry
    /// below it, depth first, each directory's entries right after it. Symbolic links are listed, not followed.
    /// </summary>
    /// <exception cref="AgentOsFileSystemException">The directory cannot be opened or an entry cannot be examined.</exception>
    public IReadOnlyList<FileSystemEntry> ReadDirectory(string path, bool recursive = false)
    {
        var result = new List<FileSystemEntry>();
        List(Absolute(path), recursive, result);
        return result;
    }

    /// <summary>stat(2) (or lstat(2) when <paramref name="followSymlinks"/> is false).</summary>
    /// <exception cref="AgentOsFileSystemException">The path does not resolve.</exception>
    public StatInfo Stat(string path, bool followSymlinks = true)
    {
        var errno = _kernel.FileSystem.Stat(_context, Absolute(path), followSymlinks, out var stat);
        return errno == Errno.Success ? stat : throw Failure(errno, "stat", path);
    }

    /// <summary>Whether <paramref name="path"/> resolves (following symbolic links).</summary>
    /// <exception cref="AgentOsFileSystemException">The lookup failed for another reason than absence (e.g. EACCES).</exception>
    public bool Exists(string path)
    {
        var errno = _kernel.FileSystem.Stat(_context, Absolute(path), follow: true, out _);
        return errno switch
        {
            Errno.Success => true,
            Errno.ENOENT or Errno.ENOTDIR or Errno.ELOOP => false,
            _ => throw Failure(errno, "stat", path),
        };
    }

    /// <summary>rename(2): moves a file or directory, replacing a file (or empty directory) at the destination.</summary>
    /// <exception cref="AgentOsFileSystemException">The move is not possible (ENOENT, EXDEV across mounts, EISDIR…).</exception>
    public void Move(string from, string to)
    {
        var errno = _kernel.FileSystem.Rename(_context, Absolute(from), Absolute(to));
        if (errno != Errno.Success)
        {
            throw Failure(errno, "rename", from + "' -> '" + to);
        }
    }

    /// <summary>
    /// Removes a file, symbolic link or empty directory; with <paramref name="recursive"/>, a directory and everything
    /// below it (symbolic links are removed, not followed).
    /// </summary>
    /// <exception cref="AgentOsFileSystemException">The path does not exist or cannot be removed (ENOTEMPTY without recursive).</exception>
    public void Delete(string path, bool recursive = false)
    {
        var full = Absolute(path);
        var errno = _kernel.FileSystem.Stat(_context, full, follow: false, out var stat);
        if (errno != Errno.Success)
        {
            throw Failure(errno, "stat", full);
        }

        if (stat.FileType != FileType.Directory)
        {
            Require(_kernel.FileSystem.Unlink(_context, full), "unlink", full);
            return;
        }

        if (recursive)
        {
            var entries = new List<FileSystemEntry>();
            List(full, recursive: false, entries);
            foreach (var entry in entries)
            {
                Delete(entry.Path, recursive: true);
            }
        }

        Require(_kernel.FileSystem.Rmdir(_context, full), "rmdir", full);
    }

    /// <summary>The exception for <paramref name="errno"/>; ENOSPC names the limit that ran out and its figures.</summary>
    internal AgentOsFileSystemException Failure(Errno errno, string operation, string path)
    {
        if (errno == Errno.ENOSPC)
        {
            // Whichever budget is exhausted; bytes unless the inode table is the one that is full.
            var gauge = _kernel.InodesGauge.Available == 0 ? _kernel.InodesGauge : _kernel.FilesystemBytesGauge;
            return new AgentOsFileSystemException(errno, operation, path, gauge.ConfigPath, gauge.Current, gauge.Capacity);
        }

        return new AgentOsFileSystemException(errno, operation, path);
    }

    private KernelFileStream Open(string path, OpenFlags flags, string operation)
    {
        var full = Absolute(path);
        var errno = _kernel.FileSystem.Open(_context, full, flags, FileMode, out var file);
        if (errno != Errno.Success)
        {
            throw Failure(errno, operation, full);
        }

        if (file.FileType == FileType.Directory)
        {
            file.Retain();
            file.Release();
            throw Failure(Errno.EISDIR, operation, full);
        }

        return new KernelFileStream(file, this, full);
    }

    private void List(string directory, bool recursive, List<FileSystemEntry> result)
    {
        var errno = _kernel.FileSystem.Open(_context, directory, OpenFlags.ReadOnly | OpenFlags.Directory, 0, out var file);
        if (errno != Errno.Success)
        {
            throw Failure(errno, "opendir", directory);
        }

        var names = new List<DirectoryEntry>();
        file.Retain();
        try
        {
            var listing = (DirectoryDescription)file;
            long cookie = 0;
            var batch = new List<DirectoryEntry>();
            while (true)
            {
                batch.Clear();
                Require(listing.ReadDirectory(cookie, ReadDirectoryBatch, batch), "readdir", directory);
                if (batch.Count == 0)
                {
                    break;
                }

                names.AddRange(batch);
                cookie = batch[^1].NextCookie;
            }
        }
        finally
        {
            file.Release();
        }

        var prefix = directory.EndsWith('/') ? directory : directory + "/";
        foreach (var entry in names)
        {
            if (entry.Name is "." or "..")
            {
                continue;
            }

            var full = prefix + entry.Name;
            errno = _kernel.FileSystem.Stat(_context, full, follow: false, out var stat);
            if (errno == Errno.ENOENT)
            {
                continue; // Removed since it was listed.
            }

            Require(errno, "stat", full);
            result.Add(new FileSystemEntry(full, entry.Name, stat.FileType, stat.Size));
            if (recursive && stat.FileType == FileType.Directory)
            {
                List(full, recursive, result);
            }
        }
    }

    private void Require(Errno errno, string operation, string path)
    {
        if (errno != Errno.Success)
        {
            throw Failure(errno, operation, path);
        }
    }

    private string Absolute(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return path.StartsWith('/') ? path : _context.WorkingDirectory.TrimEnd('/') + "/" + path;
    }
}
