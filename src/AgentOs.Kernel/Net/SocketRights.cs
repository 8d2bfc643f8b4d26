using AgentOs.Kernel.Fds;

namespace AgentOs.Kernel.Net;

/// <summary>
/// Handling of the description references that SCM_RIGHTS messages hold while in flight. A queue's rights go through
/// <see cref="Depart"/> before they are queued, <see cref="Settle"/> after the send, and <see cref="Land"/> (or
/// <see cref="Peeked"/> for new references a peek took) once taken out of a queue, before anyone uses or releases
/// them; the <see cref="InFlightCollector"/> counts the Unix sockets among them to find unreachable cycles.
/// </summary>
/// <remarks>
/// Releasing a description may close it, which may drop another socket's queue and release what rides there, and so
/// on. Those releases run iteratively: the outermost <see cref="ReleaseAll"/> on a thread drains a per-thread work
/// list that nested calls only append to, so a long chain of queued sockets costs no stack.
/// </remarks>
internal static class SocketRights
{
    /// <summary>At most this many descriptions travel with one message (Linux SCM_MAX_FD).</summary>
    public const int MaxPerMessage = 253;

    // This thread's pending releases (Collect = false) and collections (Collect = true); drained by the outermost call.
    [ThreadStatic]
    private static Queue<(FileDescription Description, bool Collect)>? _work;

    [ThreadStatic]
    private static bool _draining;

    /// <summary>Takes one more reference on each description (for a peek, which leaves the message queued).</summary>
    public static FileDescription[]? RetainAll(FileDescription[]? rights)
    {
        foreach (var right in rights ?? [])
        {
            right.Retain();
        }

        return rights;
    }

    /// <summary>Marks the Unix sockets among <paramref name="rights"/> in flight: call before queuing them, outside
    /// socket locks.</summary>
    public static void Depart(SocketTable table, FileDescription[]? rights) => table.Collector.Depart(rights);

    /// <summary>After a send: when <paramref name="queued"/>, the rights belong to the queue (and a socket whose every
    /// reference is now in flight is checked for garbage); otherwise they come back out of flight and are released.</summary>
    public static void Settle(SocketTable table, FileDescription[]? rights, bool queued)
    {
        if (queued)
        {
            InFlightCollector.Departed(rights);
            return;
        }

        table.Collector.Land(rights);
        ReleaseAll(rights);
    }

    /// <summary>Rights taken out of a queue are no longer in flight; waits for a running collection, so a socket it
    /// examines cannot be used before it ends. Call outside socket locks, before the rights are used or released.</summary>
    public static void Land(SocketTable table, IReadOnlyCollection<FileDescription>? rights) => table.Collector.Land(rights);

    /// <summary>New references a peek took on queued rights: waits for a running collection before they are used.</summary>
    public static void Peeked(SocketTable table, IReadOnlyCollection<FileDescription>? rights) => table.Collector.Barrier(rights);

    /// <summary>Rights taken out of a dropped queue: lands and releases them. Call outside socket locks.</summary>
    public static void Drop(SocketTable table, IReadOnlyCollection<FileDescription>? rights)
    {
        table.Collector.Land(rights);
        ReleaseAll(rights);
    }

    /// <summary>Drops the references: a description nobody else holds closes. Call outside socket locks, since
    /// closing a description may close another socket. Nested calls (from such a close) only queue their work.</summary>
    public static void ReleaseAll(IEnumerable<FileDescription>? rights)
    {
        if (rights is null)
        {
            return;
        }

        var work = _work ??= new Queue<(FileDescription, bool)>();
        foreach (var right in rights)
        {
            work.Enqueue((right, false));
        }

        Drain();
    }

    /// <summary>Runs (or, inside a release on this thread, queues) a collection rooted at <paramref name="root"/>.</summary>
    public static void RequestCollection(Socket root)
    {
        (_work ??= new Queue<(FileDescription, bool)>()).Enqueue((root, true));
        Drain();
    }

    private static void Drain()
    {
        if (_draining)
        {
            return;
        }

        _draining = true;
        try
        {
            var work = _work!;
            while (work.TryDequeue(out var next))
            {
                if (next.Collect)
                {
                    var socket = (Socket)next.Description;
                    socket.Table.Collector.CollectFrom(socket);
                }
                else
                {
                    next.Description.Release();
                }
            }
        }
        finally
        {
            _draining = false;
        }
    }
}
