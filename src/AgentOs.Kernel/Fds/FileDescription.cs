using AgentOs.Kernel.Threading;
using AgentOs.Kernel.Vfs;

namespace AgentOs.Kernel.Fds;

/// <summary>
/// An open file description: the object that descriptors in one or more fd tables share (offset, status flags).
/// Subclasses override only what their object supports; the defaults are the POSIX answers for an object that
/// does not (read/write → EINVAL, seek/pread → ESPIPE, truncate → EINVAL), as gVisor's FileDescriptionDefaultImpl.
/// </summary>
public abstract class FileDescription
{
    private int _statusFlags;
    private int _references;

    /// <summary>Creates a description with open flags <paramref name="flags"/> (access mode and status bits).</summary>
    protected FileDescription(OpenFlags flags)
    {
        _statusFlags = (int)(flags & (OpenFlags.AccessModeMask | OpenFlags.SettableStatusMask));
    }

    /// <summary>Raised (outside kernel locks) when readiness may have changed, for poll waiters.</summary>
    public event Action? ReadinessChanged;

    /// <summary>The object's type as reported by fstat.</summary>
    public abstract FileType FileType { get; }

    /// <summary>Access mode and status flags (F_GETFL).</summary>
    public OpenFlags StatusFlags => (OpenFlags)Volatile.Read(ref _statusFlags);

    /// <summary>Whether reads are permitted by the access mode.</summary>
    public bool CanRead => (StatusFlags & OpenFlags.AccessModeMask) != OpenFlags.WriteOnly;

    /// <summary>Whether writes are permitted by the access mode.</summary>
    public bool CanWrite => (StatusFlags & OpenFlags.AccessModeMask) is OpenFlags.WriteOnly or OpenFlags.ReadWrite;

    /// <summary>Whether O_NONBLOCK is set.</summary>
    public bool IsNonBlocking => (StatusFlags & OpenFlags.NonBlock) != 0;

    /// <summary>The number of descriptors (in all fd tables) that refer to this description.</summary>
    public int References => Volatile.Read(ref _references);

    /// <summary>F_SETFL: replaces the settable status bits (O_APPEND, O_NONBLOCK, O_DIRECT).</summary>
    public virtual Errno SetStatusFlags(OpenFlags flags)
    {
        int current, next;
        do
        {
            current = Volatile.Read(ref _statusFlags);
            next = (current & ~(int)OpenFlags.SettableStatusMask) | (int)(flags & OpenFlags.SettableStatusMask);
        }
        while (Interlocked.CompareExchange(ref _statusFlags, next, current) != current);

        NotifyReadinessChanged();
        return Errno.Success;
    }

    /// <summary>read(2) at the description's offset.</summary>
    public Errno Read(Span<byte> buffer, in WaitContext wait, out int read)
    {
        read = 0;
        return CanRead ? ReadCore(buffer, wait, out read) : Errno.EBADF;
    }

    /// <summary>write(2) at the description's offset (or end, with O_APPEND).</summary>
    public Errno Write(ReadOnlySpan<byte> buffer, in WaitContext wait, out int written)
    {
        written = 0;
        return CanWrite ? WriteCore(buffer, wait, out written) : Errno.EBADF;
    }

    /// <summary>pread(2): read at <paramref name="offset"/> without moving the offset.</summary>
    public Errno PRead(Span<byte> buffer, long offset, out int read)
    {
        read = 0;
        if (!CanRead)
        {
            return Errno.EBADF;
        }

        return offset < 0 ? Errno.EINVAL : PReadCore(buffer, offset, out read);
    }

    /// <summary>pwrite(2): write at <paramref name="offset"/> without moving the offset.</summary>
    public Errno PWrite(ReadOnlySpan<byte> buffer, long offset, out int written)
    {
        written = 0;
        if (!CanWrite)
        {
            return Errno.EBADF;
        }

        return offset < 0 ? Errno.EINVAL : PWriteCore(buffer, offset, out written);
    }

    /// <summary>lseek(2).</summary>
    public virtual Errno Seek(long offset, SeekWhence whence, out long position)
    {
        position = 0;
        return Errno.ESPIPE;
    }

    /// <summary>fstat(2).</summary>
    public abstract Errno Stat(out StatInfo stat);

    /// <summary>ftruncate(2).</summary>
    public virtual Errno Truncate(long length) => Errno.EINVAL;

    /// <summary>fsync(2)/fdatasync(2): the in-memory kernel has nothing to flush.</summary>
    public virtual Errno Sync() => Errno.Success;

    /// <summary>Current readiness for poll(2). Objects that never block are always readable and writable.</summary>
    public virtual PollEvents Poll() => PollEvents.In | PollEvents.Out;

    /// <summary>Reads for descriptions that support read(2).</summary>
    protected virtual Errno ReadCore(Span<byte> buffer, in WaitContext wait, out int read)
    {
        read = 0;
        return Errno.EINVAL;
    }

    /// <summary>Writes for descriptions that support write(2).</summary>
    protected virtual Errno WriteCore(ReadOnlySpan<byte> buffer, in WaitContext wait, out int written)
    {
        written = 0;
        return Errno.EINVAL;
    }

    /// <summary>Positional read; only seekable objects support it.</summary>
    protected virtual Errno PReadCore(Span<byte> buffer, long offset, out int read)
    {
        read = 0;
        return Errno.ESPIPE;
    }

    /// <summary>Positional write; only seekable objects support it.</summary>
    protected virtual Errno PWriteCore(ReadOnlySpan<byte> buffer, long offset, out int written)
    {
        written = 0;
        return Errno.ESPIPE;
    }

    /// <summary>Called once when the last descriptor referring to this description is closed.</summary>
    protected virtual void OnLastClose()
    {
    }

    /// <summary>Tells poll waiters that readiness may have changed. Call outside kernel locks.</summary>
    protected void NotifyReadinessChanged() => ReadinessChanged?.Invoke();

    /// <summary>Counts one more descriptor referring to this description.</summary>
    internal void Retain() => Interlocked.Increment(ref _references);

    /// <summary>Counts one descriptor fewer; the last one closes the description. Call outside fd-table locks.</summary>
    internal void Release()
    {
        var left = Interlocked.Decrement(ref _references);
        if (left == 0)
        {
            OnLastClose();
            NotifyReadinessChanged();
        }
        else if (left < 0)
        {
            throw new InvalidOperationException("File description released more often than retained.");
        }
        else
        {
            OnReferenceDropped(left);
        }
    }

    /// <summary>Called after a release that leaves <paramref name="remaining"/> references (outside kernel locks):
    /// Unix sockets use it to collect in-flight SCM_RIGHTS cycles once only queues refer to them.</summary>
    internal virtual void OnReferenceDropped(int remaining)
    {
    }
}
