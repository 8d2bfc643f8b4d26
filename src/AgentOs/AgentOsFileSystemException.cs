using AgentOs.Kernel;

namespace AgentOs;

/// <summary>
/// A filesystem operation of the host on a VM failed. <see cref="Errno"/> is the kernel's answer (as a guest would
/// get it); for ENOSPC <see cref="LimitConfigPath"/> names the limit that ran out, with its figures.
/// </summary>
public sealed class AgentOsFileSystemException : IOException
{
    /// <summary>Creates the exception for <paramref name="errno"/> on <paramref name="path"/>.</summary>
    public AgentOsFileSystemException(Errno errno, string operation, string path, string? limitConfigPath = null, long? observed = null, long? capacity = null)
        : base(Describe(errno, operation, path, limitConfigPath, observed, capacity))
    {
        Errno = errno;
        Operation = operation;
        Path = path;
        LimitConfigPath = limitConfigPath;
        Observed = observed;
        Capacity = capacity;
        HResult = -(int)errno;
    }

    /// <summary>The POSIX error, e.g. <see cref="Errno.ENOENT"/>.</summary>
    public Errno Errno { get; }

    /// <summary>The operation, e.g. <c>open</c>, <c>write</c>, <c>mkdir</c>.</summary>
    public string Operation { get; }

    /// <summary>The VM path the operation was on.</summary>
    public string Path { get; }

    /// <summary>For a limit failure, the configuration path that raises it, e.g. <c>limits.resources.maxFilesystemBytes</c>.</summary>
    public string? LimitConfigPath { get; }

    /// <summary>For a limit failure, the usage observed when it failed.</summary>
    public long? Observed { get; }

    /// <summary>For a limit failure, the limit's capacity.</summary>
    public long? Capacity { get; }

    private static string Describe(Errno errno, string operation, string path, string? limit, long? observed, long? capacity)
    {
        var text = $"{errno}: {Strerror(errno)}, {operation} '{path}'";
        return limit is null ? text : $"{text} ({limit}: {observed} of {capacity} in use; raise {limit})";
    }

    internal static string Strerror(Errno errno) => errno switch
    {
        Errno.ENOENT => "no such file or directory",
        Errno.EEXIST => "file already exists",
        Errno.ENOTDIR => "not a directory",
        Errno.EISDIR => "is a directory",
        Errno.ENOTEMPTY => "directory not empty",
        Errno.EACCES => "permission denied",
        Errno.EPERM => "operation not permitted",
        Errno.ENOSPC => "no space left on device",
        Errno.EROFS => "read-only file system",
        Errno.EINVAL => "invalid argument",
        Errno.ELOOP => "too many levels of symbolic links",
        Errno.ENAMETOOLONG => "file name too long",
        Errno.EXDEV => "cross-device link",
        Errno.EBUSY => "device or resource busy",
        Errno.EFBIG => "file too large",
        Errno.EMFILE => "too many open files",
        Errno.ENFILE => "too many open files in system",
        Errno.EAGAIN => "resource temporarily unavailable",
        Errno.E2BIG => "argument list too long",
        Errno.ENOEXEC => "exec format error",
        _ => errno.ToString(),
    };
}
