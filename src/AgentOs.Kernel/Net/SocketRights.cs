using AgentOs.Kernel.Fds;

namespace AgentOs.Kernel.Net;

/// <summary>Handling of the description references that SCM_RIGHTS messages hold while in flight.</summary>
internal static class SocketRights
{
    /// <summary>At most this many descriptions travel with one message (Linux SCM_MAX_FD).</summary>
    public const int MaxPerMessage = 253;

    /// <summary>Takes one more reference on each description (for a peek, which leaves the message queued).</summary>
    public static FileDescription[]? RetainAll(FileDescription[]? rights)
    {
        foreach (var right in rights ?? [])
        {
            right.Retain();
        }

        return rights;
    }

    /// <summary>Drops the in-flight references: a description nobody else holds closes. Call outside socket locks,
    /// since closing a description may close another socket.</summary>
    public static void ReleaseAll(IEnumerable<FileDescription>? rights)
    {
        foreach (var right in rights ?? [])
        {
            right.Release();
        }
    }
}
