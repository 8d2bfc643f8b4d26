using System.Globalization;
using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Processes;
using AgentOs.Kernel.Vfs;

namespace AgentOs.Kernel;

/// <summary>
/// The paths through which a process reaches its own descriptors, as on Linux: <c>/dev/stdin</c>,
/// <c>/dev/stdout</c>, <c>/dev/stderr</c>, <c>/dev/fd/N</c> and <c>/proc/self/fd/N</c>. They are not VFS nodes: each
/// process sees its own table, so opening one duplicates the descriptor (a pipe stays the same pipe, which is what
/// <c>cat /dev/stdin</c>, <c>echo x &gt; /dev/stderr</c> and the shell's <c>&lt;(cmd)</c> as <c>/dev/fd/63</c> need).
/// </summary>
public sealed partial class Kernel
{
    /// <summary>The descriptor <paramref name="full"/> (an absolute path) names, if it is one of the paths above.</summary>
    private static bool TryOwnFdPath(string full, out int fd)
    {
        fd = full switch
        {
            "/dev/stdin" => 0,
            "/dev/stdout" => 1,
            "/dev/stderr" => 2,
            _ => -1,
        };
        if (fd >= 0)
        {
            return true;
        }

        var number = full.StartsWith("/dev/fd/", StringComparison.Ordinal) ? full["/dev/fd/".Length..]
            : full.StartsWith("/proc/self/fd/", StringComparison.Ordinal) ? full["/proc/self/fd/".Length..]
            : null;
        return number is { Length: > 0 and < 10 } && number.All(char.IsAsciiDigit)
            && int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out fd);
    }

    // open(2) of an own-descriptor path: a new descriptor for the same open file (EBADF when the process has no such fd).
    private static Errno OpenOwnFd(Process process, int source, OpenFlags flags, out int fd) =>
        process.Fds.Dup(source, out fd, 0, (flags & OpenFlags.CloseOnExec) != 0 ? FdFlags.CloseOnExec : FdFlags.None);

    // stat(2) of an own-descriptor path: the open file's status.
    private static Errno StatOwnFd(Process process, int source, out StatInfo stat)
    {
        stat = default;
        var errno = process.Fds.Get(source, out var file);
        return errno != Errno.Success ? errno : file.Stat(out stat);
    }
}
