using AgentOs.Kernel.Limits;

namespace AgentOs.Kernel.Fds;

/// <summary>
/// One process's descriptor table: small integers mapping to shared <see cref="FileDescription"/>s plus per-fd
/// flags. New descriptors take the lowest free number. Each entry holds one unit of the VM-wide
/// <c>vm_open_fds</c> gauge (full → ENFILE); the table itself holds at most <see cref="Capacity"/> entries
/// (RLIMIT_NOFILE, full → EMFILE). Operations that add several entries succeed or fail as a whole.
/// </summary>
/// <remarks>Lock order: the table lock is a leaf; descriptions are released after it is dropped.</remarks>
public sealed class FdTable
{
    private readonly Lock _lock = new();
    private readonly LimitGauge _openFds;

    private int _capacity;

    // Guarded by _lock. Once CloseAll has run (the process exited) nothing is installed any more: a host call
    // still running on the dying process's thread must not put descriptors where no one will close them.
    private Entry[] _entries;
    private int _count;
    private bool _closed;

    /// <summary>Creates an empty table charging <paramref name="openFds"/> and capped at <paramref name="capacity"/> entries.</summary>
    public FdTable(LimitGauge openFds, int capacity)
    {
        // 0 is valid: a child of a process that set RLIMIT_NOFILE to 0 inherits that limit (and its open fds).
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _openFds = openFds;
        _capacity = capacity;
        _entries = new Entry[Math.Clamp(capacity, 1, 16)];
    }

    /// <summary>RLIMIT_NOFILE: descriptor numbers are below this. Only ever lowered (setrlimit), never raised.</summary>
    public int Capacity => Volatile.Read(ref _capacity);

    /// <summary>Open descriptors in this table.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    /// <summary>Installs <paramref name="description"/> at the lowest free fd ≥ <paramref name="minFd"/>.</summary>
    public Errno Add(FileDescription description, FdFlags flags, out int fd, int minFd = 0)
    {
        var errno = Reserve(out fd, minFd);
        if (errno == Errno.Success)
        {
            Commit(fd, description, flags);
        }

        return errno;
    }

    /// <summary>
    /// Claims the lowest free fd ≥ <paramref name="minFd"/> and its VM-wide unit before the object it will hold
    /// exists, so an operation with side effects (open with O_CREAT, accept) fails with EMFILE/ENFILE before it
    /// changes anything. Finish with <see cref="Commit"/> or <see cref="Abort"/>.
    /// </summary>
    public Errno Reserve(out int fd, int minFd = 0)
    {
        fd = -1;
        if (minFd < 0 || (minFd > 0 && minFd >= Capacity)) // with RLIMIT_NOFILE 0 a plain open is EMFILE
        {
            return Errno.EINVAL;
        }

        lock (_lock)
        {
            var slot = FindFree(minFd);
            if (slot < 0)
            {
                return Errno.EMFILE;
            }

            if (!_openFds.TryReserve())
            {
                return Errno.ENFILE;
            }

            EnsureSlot(slot);
            _entries[slot] = new Entry(null, FdFlags.None) { Reserved = true };
            _count++;
            fd = slot;
            return Errno.Success;
        }
    }

    /// <summary>Installs <paramref name="description"/> in a slot taken by <see cref="Reserve"/>.</summary>
    public void Commit(int fd, FileDescription description, FdFlags flags)
    {
        lock (_lock)
        {
            if ((uint)fd >= (uint)_entries.Length || !_entries[fd].Reserved)
            {
                throw new InvalidOperationException($"fd {fd} was not reserved.");
            }

            description.Retain();
            if (!_closed)
            {
                _entries[fd] = new Entry(description, flags & FdFlags.CloseOnExec);
                return;
            }

            _entries[fd] = default;
            _count--;
        }

        // The process exited between Reserve and Commit: the description is dropped as if closed at once.
        _openFds.Release();
        description.Release();
    }

    /// <summary>Gives back a slot taken by <see cref="Reserve"/> that will not be used.</summary>
    public void Abort(int fd)
    {
        lock (_lock)
        {
            if ((uint)fd >= (uint)_entries.Length || !_entries[fd].Reserved)
            {
                throw new InvalidOperationException($"fd {fd} was not reserved.");
            }

            _entries[fd] = default;
            _count--;
        }

        _openFds.Release();
    }

    /// <summary>Installs two descriptions at the two lowest free fds, or neither (pipe, socketpair).</summary>
    public Errno AddPair(FileDescription first, FileDescription second, FdFlags flags, out int firstFd, out int secondFd)
    {
        firstFd = secondFd = -1;
        lock (_lock)
        {
            var a = FindFree(0);
            var b = a < 0 ? -1 : FindFree(a + 1);
            if (a < 0 || b < 0)
            {
                return Errno.EMFILE;
            }

            if (!_openFds.TryReserve(2))
            {
                return Errno.ENFILE;
            }

            Put(a, first, flags);
            Put(b, second, flags);
            firstFd = a;
            secondFd = b;
            return Errno.Success;
        }
    }

    /// <summary>Looks up the description behind <paramref name="fd"/> (EBADF if not open).</summary>
    public Errno Get(int fd, out FileDescription description)
    {
        lock (_lock)
        {
            if ((uint)fd < (uint)_entries.Length && _entries[fd].Description is { } d)
            {
                description = d;
                return Errno.Success;
            }
        }

        description = null!;
        return Errno.EBADF;
    }

    /// <summary>Looks up <paramref name="fd"/> and takes a reference on its description while the table still holds
    /// it, so a concurrent close cannot close it first (SCM_RIGHTS keeps descriptions in flight). The caller drops
    /// the reference with <see cref="FileDescription.Release"/>.</summary>
    internal Errno GetRetained(int fd, out FileDescription description)
    {
        lock (_lock)
        {
            if ((uint)fd < (uint)_entries.Length && _entries[fd].Description is { } d)
            {
                d.Retain();
                description = d;
                return Errno.Success;
            }
        }

        description = null!;
        return Errno.EBADF;
    }

    /// <summary>F_GETFD.</summary>
    public Errno GetFlags(int fd, out FdFlags flags)
    {
        lock (_lock)
        {
            if ((uint)fd < (uint)_entries.Length && _entries[fd].Description is not null)
            {
                flags = _entries[fd].Flags;
                return Errno.Success;
            }
        }

        flags = FdFlags.None;
        return Errno.EBADF;
    }

    /// <summary>F_SETFD.</summary>
    public Errno SetFlags(int fd, FdFlags flags)
    {
        lock (_lock)
        {
            if ((uint)fd < (uint)_entries.Length && _entries[fd].Description is not null)
            {
                _entries[fd].Flags = flags & FdFlags.CloseOnExec;
                return Errno.Success;
            }
        }

        return Errno.EBADF;
    }

    /// <summary>close(2).</summary>
    public Errno Close(int fd)
    {
        FileDescription? released;
        lock (_lock)
        {
            released = Take(fd);
        }

        if (released is null)
        {
            return Errno.EBADF;
        }

        _openFds.Release();
        released.Release();
        return Errno.Success;
    }

    /// <summary>dup(2) / F_DUPFD / F_DUPFD_CLOEXEC: lowest free fd ≥ <paramref name="minFd"/>.</summary>
    public Errno Dup(int fd, out int newFd, int minFd = 0, FdFlags flags = FdFlags.None)
    {
        newFd = -1;
        if (minFd < 0 || (minFd > 0 && minFd >= Capacity)) // with RLIMIT_NOFILE 0 a plain open is EMFILE
        {
            return Errno.EINVAL;
        }

        lock (_lock)
        {
            if ((uint)fd >= (uint)_entries.Length || _entries[fd].Description is not { } description)
            {
                return Errno.EBADF;
            }

            var slot = FindFree(minFd);
            if (slot < 0)
            {
                return Errno.EMFILE;
            }

            if (!_openFds.TryReserve())
            {
                return Errno.ENFILE;
            }

            Put(slot, description, flags);
            newFd = slot;
            return Errno.Success;
        }
    }

    /// <summary>dup2(2)/dup3(2): makes <paramref name="newFd"/> refer to <paramref name="oldFd"/>'s description,
    /// closing what <paramref name="newFd"/> held. The new descriptor's FD_CLOEXEC is <paramref name="flags"/>.</summary>
    public Errno Dup2(int oldFd, int newFd, FdFlags flags = FdFlags.None)
    {
        if (newFd < 0 || newFd >= Capacity)
        {
            return Errno.EBADF;
        }

        FileDescription? replaced;
        lock (_lock)
        {
            if ((uint)oldFd >= (uint)_entries.Length || _entries[oldFd].Description is not { } description)
            {
                return Errno.EBADF;
            }

            if (oldFd == newFd)
            {
                return Errno.Success;
            }

            if (_closed)
            {
                return Errno.EBADF;
            }

            EnsureSlot(newFd);
            if (_entries[newFd].Reserved)
            {
                // Linux answers EBUSY when dup2 races an open that has claimed the target number.
                return Errno.EBUSY;
            }

            replaced = _entries[newFd].Description;
            if (replaced is null && !_openFds.TryReserve())
            {
                return Errno.ENFILE;
            }

            if (replaced is not null)
            {
                _count--;
            }

            Put(newFd, description, flags);
        }

        replaced?.Release();
        return Errno.Success;
    }

    /// <summary>
    /// fork(2)'s copy: every entry with its flags, sharing descriptions. posix_spawn applies its file actions to
    /// this copy and only then drops FD_CLOEXEC entries (<see cref="CloseOnExec"/>), so an action may dup a
    /// close-on-exec descriptor (shells pass pipe ends that way). Fails with ENFILE, creating nothing, when the VM
    /// has no room for the copies.
    /// </summary>
    public Errno Fork(out FdTable child)
    {
        child = new FdTable(_openFds, Capacity);
        lock (_lock)
        {
            if (!_openFds.TryReserve(_count - ReservedCountLocked()))
            {
                child = null!;
                return Errno.ENFILE;
            }

            child._entries = new Entry[_entries.Length];
            for (var fd = 0; fd < _entries.Length; fd++)
            {
                if (_entries[fd].Description is { } d)
                {
                    child.Put(fd, d, _entries[fd].Flags);
                }
            }
        }

        return Errno.Success;
    }

    /// <summary>
    /// setrlimit(RLIMIT_NOFILE) downwards: later allocations stay below <paramref name="capacity"/>; descriptors
    /// already open above it stay open, as on Linux. Raising is refused (EPERM): the VM's cap is the hard limit.
    /// </summary>
    public Errno LowerCapacity(int capacity)
    {
        if (capacity < 0)
        {
            return Errno.EINVAL;
        }

        lock (_lock)
        {
            if (capacity > _capacity)
            {
                return Errno.EPERM;
            }

            _capacity = capacity;
            return Errno.Success;
        }
    }

    /// <summary>Closes every FD_CLOEXEC descriptor (exec commit).</summary>
    public void CloseOnExec() => CloseWhere(static e => (e.Flags & FdFlags.CloseOnExec) != 0, 0);

    /// <summary>Closes every descriptor ≥ <paramref name="minFd"/> (closefrom).</summary>
    public void CloseFrom(int minFd) => CloseWhere(static _ => true, Math.Max(0, minFd));

    /// <summary>Closes every descriptor (process exit); the table installs none any more.</summary>
    public void CloseAll() => CloseWhere(static _ => true, 0, closeTable: true);

    /// <summary>The open descriptor numbers, ascending.</summary>
    public IReadOnlyList<int> OpenDescriptors()
    {
        var list = new List<int>();
        lock (_lock)
        {
            for (var fd = 0; fd < _entries.Length; fd++)
            {
                if (_entries[fd].Description is not null)
                {
                    list.Add(fd);
                }
            }
        }

        return list;
    }

    /// <summary>How many of this table's descriptors refer to <paramref name="description"/>.</summary>
    public int CountReferences(FileDescription description)
    {
        var count = 0;
        lock (_lock)
        {
            foreach (var entry in _entries)
            {
                if (entry.Description == description)
                {
                    count++;
                }
            }
        }

        return count;
    }

    private void CloseWhere(Func<Entry, bool> predicate, int minFd, bool closeTable = false)
    {
        List<FileDescription>? released = null;
        lock (_lock)
        {
            _closed |= closeTable;
            for (var fd = minFd; fd < _entries.Length; fd++)
            {
                if (_entries[fd].Description is not null && predicate(_entries[fd]))
                {
                    (released ??= []).Add(Take(fd)!);
                }
            }
        }

        if (released is null)
        {
            return;
        }

        _openFds.Release(released.Count);
        foreach (var description in released)
        {
            description.Release();
        }
    }

    // Caller holds _lock. Slots claimed by Reserve count in _count but are not copied by Fork.
    private int ReservedCountLocked()
    {
        var reserved = 0;
        foreach (var entry in _entries)
        {
            if (entry.Reserved)
            {
                reserved++;
            }
        }

        return reserved;
    }

    // Caller holds _lock. Returns the lowest free slot ≥ minFd below Capacity, or -1.
    private int FindFree(int minFd)
    {
        if (_count >= Capacity || _closed)
        {
            return -1;
        }

        for (var fd = minFd; fd < Capacity; fd++)
        {
            if (fd >= _entries.Length || (_entries[fd].Description is null && !_entries[fd].Reserved))
            {
                return fd;
            }
        }

        return -1;
    }

    // Caller holds _lock and has reserved the gauge unit.
    private void Put(int fd, FileDescription description, FdFlags flags)
    {
        EnsureSlot(fd);
        description.Retain();
        _entries[fd] = new Entry(description, flags & FdFlags.CloseOnExec);
        _count++;
    }

    // Caller holds _lock; the caller releases the gauge unit and the description after unlocking.
    private FileDescription? Take(int fd)
    {
        if ((uint)fd >= (uint)_entries.Length || _entries[fd].Description is not { } d)
        {
            return null;
        }

        _entries[fd] = default;
        _count--;
        return d;
    }

    private void EnsureSlot(int fd)
    {
        if (fd < _entries.Length)
        {
            return;
        }

        var size = _entries.Length;
        while (size <= fd)
        {
            size *= 2;
        }

        Array.Resize(ref _entries, Math.Max(Math.Min(size, Capacity), fd + 1));
    }

    private struct Entry(FileDescription? description, FdFlags flags)
    {
        public FileDescription? Description = description;
        public FdFlags Flags = flags;

        // A slot claimed by Reserve whose description does not exist yet: not open, not free.
        public bool Reserved;
    }
}
