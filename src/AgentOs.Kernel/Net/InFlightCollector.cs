using AgentOs.Kernel.Fds;

namespace AgentOs.Kernel.Net;

/// <summary>
/// Garbage collection of unreachable in-flight Unix sockets for one VM, in the spirit of Linux's unix_gc
/// (net/unix/garbage.c). Each Unix socket counts the references to it that ride in socket queues
/// (<see cref="Socket.InFlight"/>, in-queue ⊆ counted: marked before queuing, unmarked after dequeuing). A socket is a
/// candidate when every reference to it is in flight. When a socket becomes one (its last other reference is
/// released, or a send puts its last one in flight), the candidates reachable from it through queues are examined: one
/// with an in-flight reference from outside that set (a live socket's queue, or a thread about to queue or install it)
/// is alive, and so is every candidate riding in a live one's queue; the rest are garbage, so their queues are purged
/// and releasing what rode there closes them. Sockets referred to only by queues cannot become garbage other than
/// through such an event, so looking only at what is reachable from its socket finds all new garbage.
/// </summary>
/// <remarks>
/// Lock order: <c>_lock</c> → one socket's or connection's gate at a time → the table's lock. <c>_lock</c> is never
/// taken while a gate is held, and nothing is released while it is held. Taking a socket out of flight takes
/// <c>_lock</c> (as a peek's new references wait for it), so a candidate cannot be installed and used while a
/// collection examines it: the candidates' queues change only by sends from live sockets, which carry no candidate.
/// </remarks>
internal sealed class InFlightCollector
{
    private readonly Lock _lock = new();

    /// <summary>Marks the Unix sockets among <paramref name="rights"/> (references the caller holds) in flight.</summary>
    public void Depart(FileDescription[]? rights)
    {
        if (!HasSockets(rights))
        {
            return;
        }

        lock (_lock)
        {
            foreach (var right in rights!)
            {
                if (right is Socket { CanCarryRights: true } socket)
                {
                    socket.AddInFlight(1);
                }
            }
        }
    }

    /// <summary>After the rights were queued: collects from any socket whose every reference is now in flight. (A
    /// release racing with the send sees the mark, or this sees the release: either way one of them checks after the
    /// message is queued.)</summary>
    public static void Departed(FileDescription[]? rights)
    {
        if (!HasSockets(rights))
        {
            return;
        }

        Interlocked.MemoryBarrier();
        foreach (var right in rights!)
        {
            if (right is Socket { CanCarryRights: true } socket && IsCandidate(socket))
            {
                SocketRights.RequestCollection(socket);
            }
        }
    }

    /// <summary>Takes the Unix sockets among <paramref name="rights"/> out of flight (they left their queue).</summary>
    public void Land(IReadOnlyCollection<FileDescription>? rights)
    {
        if (!HasSockets(rights))
        {
            return;
        }

        lock (_lock)
        {
            foreach (var right in rights!)
            {
                if (right is Socket { CanCarryRights: true } socket)
                {
                    socket.AddInFlight(-1);
                }
            }
        }
    }

    /// <summary>Waits for a running collection when <paramref name="rights"/> include Unix sockets.</summary>
    public void Barrier(IReadOnlyCollection<FileDescription>? rights)
    {
        if (HasSockets(rights))
        {
            _lock.Enter();
            _lock.Exit();
        }
    }

    /// <summary>Collects the garbage reachable from <paramref name="root"/> (nothing unless every reference to it is
    /// in flight). Call with no lock held.</summary>
    public void CollectFrom(Socket root)
    {
        List<Socket> garbage;
        lock (_lock)
        {
            garbage = FindGarbage(root);
        }

        // Outside the lock: purging releases descriptions. A purge racing with another collection's finds the queue empty.
        foreach (var socket in garbage)
        {
            socket.PurgeQueue();
        }
    }

    // Caller holds _lock.
    private static List<Socket> FindGarbage(Socket root)
    {
        if (!IsCandidate(root))
        {
            return [];
        }

        // The candidates reachable from root, each with its in-flight count and the sockets riding in its queue.
        var index = new Dictionary<Socket, int> { [root] = 0 };
        var nodes = new List<(Socket Socket, int InFlight, List<Socket> Riding)> { (root, root.InFlight, []) };
        for (var i = 0; i < nodes.Count; i++)
        {
            var riding = nodes[i].Riding;
            nodes[i].Socket.AddQueuedSockets(riding);
            foreach (var child in riding)
            {
                if (!index.ContainsKey(child) && IsCandidate(child))
                {
                    index[child] = nodes.Count;
                    nodes.Add((child, child.InFlight, []));
                }
            }
        }

        var fromInside = new int[nodes.Count];
        foreach (var node in nodes)
        {
            foreach (var child in node.Riding)
            {
                if (index.TryGetValue(child, out var j))
                {
                    fromInside[j]++;
                }
            }
        }

        var alive = new bool[nodes.Count];
        var live = new Stack<int>();
        for (var j = 0; j < nodes.Count; j++)
        {
            if (fromInside[j] < nodes[j].InFlight)
            {
                alive[j] = true;
                live.Push(j);
            }
        }

        while (live.TryPop(out var j))
        {
            foreach (var child in nodes[j].Riding)
            {
                if (index.TryGetValue(child, out var k) && !alive[k])
                {
                    alive[k] = true;
                    live.Push(k);
                }
            }
        }

        var garbage = new List<Socket>();
        for (var j = 0; j < nodes.Count; j++)
        {
            if (!alive[j])
            {
                garbage.Add(nodes[j].Socket);
            }
        }

        return garbage;
    }

    // In-flight count first: it only falls under _lock, and never exceeds the reference count.
    private static bool IsCandidate(Socket socket)
    {
        var inFlight = socket.InFlight;
        return inFlight > 0 && socket.References == inFlight;
    }

    private static bool HasSockets(IReadOnlyCollection<FileDescription>? rights)
    {
        if (rights is null)
        {
            return false;
        }

        foreach (var right in rights)
        {
            if (right is Socket { CanCarryRights: true })
            {
                return true;
            }
        }

        return false;
    }
}
