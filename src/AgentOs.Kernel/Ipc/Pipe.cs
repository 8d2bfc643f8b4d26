using System.Buffers;
using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Threading;
using AgentOs.Kernel.Vfs;

namespace AgentOs.Kernel.Ipc;

/// <summary>
/// An anonymous pipe: a bounded byte ring shared by one read end and one write end (spec §3.3, POSIX write(2) on
/// pipes). Writes of at most <see cref="PipeBuf"/> bytes are atomic; larger ones may be split. Guest threads block
/// through <see cref="KernelWait"/>; host code awaits <see cref="ReadAsync"/>/<see cref="WriteAsync"/>, which hold no
/// thread while waiting. Every state change wakes both kinds of waiter.
/// </summary>
/// <remarks>
/// One lock, <c>_gate</c>, guards all state and is also the monitor sync waiters wait on. Task completions,
/// readiness events and the <c>vm_pipes</c> release run after it is dropped.
/// </remarks>
internal sealed class Pipe
{
    /// <summary>Linux's default pipe capacity.</summary>
    public const int DefaultCapacity = 65536;

    /// <summary>POSIX PIPE_BUF: writes up to this size are atomic.</summary>
    public const int PipeBuf = 4096;

    /// <summary>st_dev of every pipe, as Linux's pipefs is one anonymous device; inode numbers are unique on it.</summary>
    public const ulong PipeFsDevice = 0xF1F0;

    private const uint OwnerReadWrite = 0x180; // 0600, as Linux reports for pipe(2) inodes.

    private static long _nextInode;

    private readonly object _gate = new();
    private readonly LimitGauge? _pipes;

    // Writes of up to this many bytes are atomic, and the write end polls writable with this much room. It is
    // PIPE_BUF except for test-sized buffers smaller than that, where an atomic write could otherwise never fit.
    private readonly int _atomicSize;
    private readonly int _baseCapacity;

    // Guarded by _gate. The ring (its first _capacity bytes) is rented from the shared pool on the first write into an
    // empty pipe and given back whenever the pipe drains or its read end closes, so a thousand idle pipes hold no
    // buffers and short-lived commands leave no garbage; an overflow-grown ring is a plain array.
    private byte[]? _buffer;
    private bool _bufferPooled;
    private int _capacity;
    private LimitGauge? _overflow;
    private int _overflowBytes;
    private int _head;
    private int _count;
    private bool _readClosed;
    private bool _writeClosed;
    private int _blockedReaders;
    private int _blockedWriters;

    // Guarded by _gate. One signal per direction shared by every async waiter; completed (outside the lock) and
    // cleared on the next change in that direction, so cancelled waiters leave nothing behind.
    private TaskCompletionSource? _readSignal;
    private TaskCompletionSource? _writeSignal;

    // Guarded by _gate. Nanoseconds since the Unix epoch.
    private long _accessTimeNs;
    private long _modifyTimeNs;
    private readonly long _changeTimeNs;

    /// <summary>Creates a pipe with a buffer of <paramref name="capacity"/> bytes, not counted against any limit.</summary>
    public Pipe(int capacity = DefaultCapacity)
        : this(capacity, null)
    {
    }

    private Pipe(int capacity, LimitGauge? pipes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = _baseCapacity = capacity;
        _atomicSize = Math.Min(PipeBuf, capacity);
        _pipes = pipes;
        Inode = (ulong)Interlocked.Increment(ref _nextInode);
        _accessTimeNs = _modifyTimeNs = _changeTimeNs = NowNs();
        ReadEnd = new PipeReadEnd(this);
        WriteEnd = new PipeWriteEnd(this);
    }

    /// <summary>The read end (O_RDONLY).</summary>
    public PipeReadEnd ReadEnd { get; }

    /// <summary>True for a named FIFO's pipe, whose ends anyone may open later by path.</summary>
    public bool IsNamed { get; private init; }

    /// <summary>Whether every reader is gone.</summary>
    public bool ReadEndClosed
    {
        get
        {
            lock (_gate)
            {
                return _readClosed;
            }
        }
    }

    /// <summary>Whether every writer is gone.</summary>
    public bool WriteEndClosed
    {
        get
        {
            lock (_gate)
            {
                return _writeClosed;
            }
        }
    }

    /// <summary>The write end (O_WRONLY).</summary>
    public PipeWriteEnd WriteEnd { get; }

    /// <summary>Buffer size in bytes (above the base only while a deadlock overflow is in use).</summary>
    public int Capacity => Volatile.Read(ref _capacity);

    /// <summary>The pipe's inode number on <see cref="PipeFsDevice"/>, shared by both ends.</summary>
    public ulong Inode { get; }

    /// <summary>Bytes written and not yet read.</summary>
    public int BufferedBytes
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>True when a read would wait: nothing buffered and the write end still open.</summary>
    internal bool ReadWouldBlock
    {
        get
        {
            lock (_gate)
            {
                return _count == 0 && !_writeClosed && !_readClosed;
            }
        }
    }

    /// <summary>Bytes a write can place now without waiting.</summary>
    internal int Room
    {
        get
        {
            lock (_gate)
            {
                return Capacity - _count;
            }
        }
    }

    /// <summary>Guest threads currently blocked in a read (for tests and diagnostics).</summary>
    internal int BlockedReaders
    {
        get
        {
            lock (_gate)
            {
                return _blockedReaders;
            }
        }
    }

    /// <summary>Guest threads currently blocked in a write, i.e. held back by a full buffer.</summary>
    internal int BlockedWriters
    {
        get
        {
            lock (_gate)
            {
                return _blockedWriters;
            }
        }
    }

    /// <summary>Whether an async host call is waiting for data (for tests and diagnostics).</summary>
    internal bool HasAsyncReader
    {
        get
        {
            lock (_gate)
            {
                return _readSignal is not null;
            }
        }
    }

    /// <summary>Whether an async host call is waiting for room (for tests and diagnostics).</summary>
    internal bool HasAsyncWriter
    {
        get
        {
            lock (_gate)
            {
                return _writeSignal is not null;
            }
        }
    }

    private bool ReadEndReady => _count > 0 || _writeClosed;

    private bool WriteEndReady => Capacity - _count >= _atomicSize || _readClosed;

    /// <summary>pipe(2) without a limit: a new pipe's two ends.</summary>
    public static void Create(out PipeReadEnd readEnd, out PipeWriteEnd writeEnd, int capacity = DefaultCapacity)
    {
        var pipe = new Pipe(capacity);
        readEnd = pipe.ReadEnd;
        writeEnd = pipe.WriteEnd;
    }

    /// <summary>The pipe behind a named FIFO (mkfifo): default capacity, bounded by the inode budget rather than
    /// <c>vm_pipes</c>.</summary>
    public static Pipe CreateNamed() => new(DefaultCapacity, null) { IsNamed = true };

    /// <summary>
    /// pipe(2) charged to <paramref name="pipes"/> (<c>vm_pipes</c>): EAGAIN, creating nothing, at the cap. The unit
    /// is returned once both ends are closed (last descriptor or <see cref="PipeReadEnd.Close"/>/
    /// <see cref="PipeWriteEnd.Close"/>), so a caller that cannot install the ends must close them.
    /// </summary>
    public static Errno TryCreate(LimitGauge pipes, int capacity, out PipeReadEnd readEnd, out PipeWriteEnd writeEnd)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        if (!pipes.TryReserve())
        {
            readEnd = null!;
            writeEnd = null!;
            return Errno.EAGAIN;
        }

        var pipe = new Pipe(capacity, pipes);
        readEnd = pipe.ReadEnd;
        writeEnd = pipe.WriteEnd;
        return Errno.Success;
    }

    /// <summary>fstat of either end: S_IFIFO|0600 owned by root, size = bytes buffered.</summary>
    public StatInfo Stat()
    {
        lock (_gate)
        {
            return new StatInfo(
                PipeFsDevice, Inode, ModeBits.Fifo | OwnerReadWrite, LinkCount: 1, Uid: 0, Gid: 0, RDev: 0,
                Size: _count, Blocks: 0, _accessTimeNs, _modifyTimeNs, _changeTimeNs);
        }
    }

    /// <summary>Readiness of the read end: In with data or at EOF, Hup once every writer is gone.</summary>
    public PollEvents PollReadEnd()
    {
        lock (_gate)
        {
            if (_readClosed)
            {
                return PollEvents.Nval;
            }

            var events = ReadEndReady ? PollEvents.In : PollEvents.None;
            return _writeClosed ? events | PollEvents.Hup : events;
        }
    }

    /// <summary>Readiness of the write end: Out with room for an atomic write, Err once every reader is gone.</summary>
    public PollEvents PollWriteEnd()
    {
        lock (_gate)
        {
            if (_writeClosed)
            {
                return PollEvents.Nval;
            }

            var events = Capacity - _count >= _atomicSize ? PollEvents.Out : PollEvents.None;
            return _readClosed ? events | PollEvents.Err : events;
        }
    }

    /// <summary>
    /// read(2): returns what is buffered (at most <paramref name="buffer"/>'s length), 0 at EOF, EAGAIN when empty
    /// and <paramref name="nonBlocking"/>, else blocks until data, EOF, cancellation (EINTR) or deadline (ETIMEDOUT).
    /// </summary>
    public Errno Read(Span<byte> buffer, bool nonBlocking, in WaitContext wait, out int read)
    {
        read = 0;
        if (buffer.IsEmpty)
        {
            return Errno.Success;
        }

        Wakeups wake;
        lock (_gate)
        {
            long? deadline = null;
            while (true)
            {
                var result = TryTakeLocked(buffer, out read, out wake);
                if (result != Errno.EAGAIN)
                {
                    if (result != Errno.Success)
                    {
                        return result;
                    }

                    break;
                }

                if (nonBlocking)
                {
                    return Errno.EAGAIN;
                }

                deadline ??= wait.DeadlineFromNow();
                var waited = WaitLocked(wait, deadline.Value, ref _blockedReaders);
                if (waited != Errno.Success)
                {
                    return waited;
                }
            }
        }

        Signal(wake);
        return Errno.Success;
    }

    /// <summary>
    /// write(2). Up to PIPE_BUF bytes go in at once or not at all; longer writes fill what room there is and, when
    /// blocking, continue until everything is written. EPIPE when no reader is left (the caller raises SIGPIPE);
    /// EAGAIN when <paramref name="nonBlocking"/> and nothing could be placed. A wait ended by cancellation or
    /// deadline returns the count placed so far, or EINTR/ETIMEDOUT when that is zero.
    /// </summary>
    public Errno Write(ReadOnlySpan<byte> buffer, bool nonBlocking, in WaitContext wait, out int written)
    {
        written = 0;
        if (buffer.IsEmpty)
        {
            return Errno.Success;
        }

        var atomic = buffer.Length <= _atomicSize;
        long? deadline = null;
        while (written < buffer.Length)
        {
            Wakeups wake;
            lock (_gate)
            {
                while (true)
                {
                    var result = TryPutLocked(buffer[written..], atomic, ref written, out wake);
                    if (result == Errno.Success)
                    {
                        break;
                    }

                    if (result != Errno.EAGAIN || nonBlocking)
                    {
                        return written > 0 ? Errno.Success : result;
                    }

                    deadline ??= wait.DeadlineFromNow();
                    var waited = WaitLocked(wait, deadline.Value, ref _blockedWriters);
                    if (waited != Errno.Success)
                    {
                        return written > 0 ? Errno.Success : waited;
                    }
                }
            }

            // Readers learn of each chunk before this writer waits for more room.
            Signal(wake);
        }

        return Errno.Success;
    }

    /// <summary>
    /// Host-side read: what is buffered (at most <paramref name="buffer"/>'s length), or 0 at EOF, awaiting data
    /// without holding a thread. Cancellation throws <see cref="OperationCanceledException"/> and consumes nothing.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The read end has been closed.</exception>
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Errno result;
            int read;
            Wakeups wake;
            Task? signal = null;
            lock (_gate)
            {
                result = TryTakeLocked(buffer.Span, out read, out wake);
                if (result == Errno.EAGAIN)
                {
                    signal = (_readSignal ??= NewSignal()).Task;
                }
            }

            switch (result)
            {
                case Errno.Success:
                    Signal(wake);
                    return read;
                case Errno.EAGAIN:
                    await signal!.WaitAsync(cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    throw new ObjectDisposedException(nameof(PipeReadEnd));
            }
        }
    }

    /// <summary>
    /// Host-side write: places every byte, awaiting room without holding a thread (backpressure). Returns
    /// <paramref name="buffer"/>'s length, or fewer when the read end closed or cancellation arrived after some
    /// bytes were placed; cancellation before any byte throws <see cref="OperationCanceledException"/>. Bytes are
    /// never placed twice or dropped: the count says exactly what went in.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The write end has been closed.</exception>
    public async ValueTask<int> WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        var atomic = buffer.Length <= _atomicSize;
        var written = 0;
        while (written < buffer.Length)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return written > 0 ? written : throw new OperationCanceledException(cancellationToken);
            }

            Errno result;
            Wakeups wake;
            Task? signal = null;
            lock (_gate)
            {
                result = TryPutLocked(buffer.Span[written..], atomic, ref written, out wake);
                if (result == Errno.EAGAIN)
                {
                    signal = (_writeSignal ??= NewSignal()).Task;
                }
            }

            switch (result)
            {
                case Errno.Success:
                    Signal(wake);
                    break;
                case Errno.EAGAIN:
                    try
                    {
                        await signal!.WaitAsync(cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (written > 0)
                    {
                        return written;
                    }

                    break;
                case Errno.EPIPE:
                    return written;
                default:
                    throw new ObjectDisposedException(nameof(PipeWriteEnd));
            }
        }

        return written;
    }

    /// <summary>Closes the read end: writers get EPIPE from now on and buffered bytes are discarded. Idempotent.</summary>
    public void CloseReadEnd()
    {
        Wakeups wake;
        lock (_gate)
        {
            if (_readClosed)
            {
                return;
            }

            var readEndWasReady = ReadEndReady;
            var writeEndWasReady = WriteEndReady;
            _readClosed = true;
            ReleaseOverflowLocked();
            _head = _count = 0;
            wake = ChangedLocked(readSide: true, writeSide: true, readEndWasReady, writeEndWasReady, release: _writeClosed);
        }

        Signal(wake);
    }

    /// <summary>Closes the write end: readers get EOF once the buffer is drained. Idempotent.</summary>
    public void CloseWriteEnd()
    {
        Wakeups wake;
        lock (_gate)
        {
            if (_writeClosed)
            {
                return;
            }

            var readEndWasReady = ReadEndReady;
            var writeEndWasReady = WriteEndReady;
            _writeClosed = true;
            wake = ChangedLocked(readSide: true, writeSide: true, readEndWasReady, writeEndWasReady, release: _readClosed);
        }

        Signal(wake);
    }

    /// <summary>
    /// Lets a deadlocked writer go on: the kernel calls this when the only one who could drain the pipe is waiting
    /// for the writer to exit (a single-threaded shell collecting <c>$(…)</c> output after waitpid). The buffer grows
    /// by its base capacity, charged to <paramref name="overflow"/>; it returns to its base size once drained.
    /// False when no writer is blocked or the budget is spent (the writer then keeps waiting, as on Linux).
    /// </summary>
    internal bool TryGrowForBlockedWriter(LimitGauge overflow)
    {
        lock (_gate)
        {
            return _blockedWriters > 0 && TryGrowLocked(overflow);
        }
    }

    /// <summary>
    /// Makes room for <paramref name="length"/> more bytes when only the writer itself could ever drain the pipe (it
    /// holds every read end), as brush's F_SETPIPE_SZ does on Linux before it writes a here-document it reads only
    /// later. Grows in steps of the base capacity charged to <paramref name="overflow"/> while the budget lasts.
    /// </summary>
    internal void GrowToFit(int length, LimitGauge overflow)
    {
        lock (_gate)
        {
            while (Capacity - _count < length && TryGrowLocked(overflow))
            {
            }
        }
    }

    // Caller holds _gate. One step of growth (the base capacity), unless the read end is gone or the budget is spent.
    private bool TryGrowLocked(LimitGauge overflow)
    {
        if (_readClosed || !overflow.TryReserve(_baseCapacity))
        {
            return false;
        }

        var grown = new byte[_capacity + _baseCapacity];
        if (_buffer is { } old)
        {
            var first = Math.Min(_count, _capacity - _head);
            old.AsSpan(_head, first).CopyTo(grown);
            old.AsSpan(0, _count - first).CopyTo(grown.AsSpan(first));
        }

        ReturnBufferLocked();
        _buffer = grown;
        _head = 0;
        _capacity = grown.Length;
        _overflow = overflow;
        _overflowBytes += _baseCapacity;
        KernelWait.WakeAll(_gate);
        return true;
    }

    // Caller holds _gate and the ring is empty: no buffer (one is rented on the next write), base size, budget returned.
    private void ReleaseOverflowLocked()
    {
        ReturnBufferLocked();
        _head = 0;
        _capacity = _baseCapacity;
        if (_overflowBytes > 0)
        {
            _overflow!.Release(_overflowBytes);
            _overflowBytes = 0;
        }
    }

    // Caller holds _gate; every access to the ring happens under it, so no one still uses a returned buffer.
    private void ReturnBufferLocked()
    {
        if (_buffer is { } buffer && _bufferPooled)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        _buffer = null;
        _bufferPooled = false;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static long NowNs() => (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;

    // Caller holds _gate. Success with the bytes taken (0 = EOF), EAGAIN when empty with a writer left, EBADF when
    // the read end is closed.
    private Errno TryTakeLocked(Span<byte> destination, out int read, out Wakeups wake)
    {
        read = 0;
        wake = default;
        if (_readClosed)
        {
            return Errno.EBADF;
        }

        if (_count == 0)
        {
            return _writeClosed ? Errno.Success : Errno.EAGAIN;
        }

        var writeEndWasReady = WriteEndReady;
        var buffer = _buffer!;
        read = Math.Min(destination.Length, _count);
        var first = Math.Min(read, _capacity - _head);
        buffer.AsSpan(_head, first).CopyTo(destination);
        buffer.AsSpan(0, read - first).CopyTo(destination[first..]);
        _head = (_head + read) % _capacity;
        _count -= read;
        _accessTimeNs = NowNs();
        if (_count == 0)
        {
            ReleaseOverflowLocked();
        }

        wake = ChangedLocked(readSide: false, writeSide: true, readEndWasReady: true, writeEndWasReady, release: false);
        return Errno.Success;
    }

    // Caller holds _gate. Success after placing at least one byte (all of them when atomic) and adding them to
    // written; EAGAIN when they do not fit yet; EPIPE with no reader; EBADF when the write end is closed.
    private Errno TryPutLocked(ReadOnlySpan<byte> source, bool atomic, ref int written, out Wakeups wake)
    {
        wake = default;
        if (_writeClosed)
        {
            return Errno.EBADF;
        }

        if (_readClosed)
        {
            return Errno.EPIPE;
        }

        var free = Capacity - _count;
        if (free == 0 || (atomic && free < source.Length))
        {
            return Errno.EAGAIN;
        }

        var readEndWasReady = ReadEndReady;
        var writeEndWasReady = WriteEndReady;
        if (_buffer is null)
        {
            _buffer = ArrayPool<byte>.Shared.Rent(_capacity);
            _bufferPooled = true;
        }

        var buffer = _buffer;
        var put = Math.Min(free, source.Length);
        var tail = (_head + _count) % _capacity;
        var first = Math.Min(put, _capacity - tail);
        source[..first].CopyTo(buffer.AsSpan(tail));
        source[first..put].CopyTo(buffer);
        _count += put;
        written += put;
        _modifyTimeNs = NowNs();
        wake = ChangedLocked(readSide: true, writeSide: false, readEndWasReady, writeEndWasReady, release: false);
        return Errno.Success;
    }

    // Caller holds _gate. Counts the caller as blocked while it waits.
    private Errno WaitLocked(in WaitContext wait, long deadline, ref int blocked)
    {
        blocked++;
        try
        {
            return KernelWait.Wait(_gate, wait, deadline);
        }
        finally
        {
            blocked--;
        }
    }

    // Caller holds _gate and has just changed state. Wakes sync waiters now (the monitor requires the lock) and
    // returns what must be signalled once the lock is dropped.
    private Wakeups ChangedLocked(bool readSide, bool writeSide, bool readEndWasReady, bool writeEndWasReady, bool release)
    {
        if (_blockedReaders + _blockedWriters > 0)
        {
            KernelWait.WakeAll(_gate);
        }

        TaskCompletionSource? readSignal = null;
        TaskCompletionSource? writeSignal = null;
        if (readSide)
        {
            readSignal = _readSignal;
            _readSignal = null;
        }

        if (writeSide)
        {
            writeSignal = _writeSignal;
            _writeSignal = null;
        }

        return new Wakeups(
            readSignal,
            writeSignal,
            ReadEndReady != readEndWasReady || readSide && writeSide,
            WriteEndReady != writeEndWasReady || readSide && writeSide,
            release);
    }

    private void Signal(in Wakeups wake)
    {
        wake.ReadSignal?.TrySetResult();
        wake.WriteSignal?.TrySetResult();
        if (wake.ReadEndReadiness)
        {
            ReadEnd.RaiseReadinessChanged();
        }

        if (wake.WriteEndReadiness)
        {
            WriteEnd.RaiseReadinessChanged();
        }

        if (wake.ReleasePipe)
        {
            _pipes?.Release();
        }
    }

    // What a state change owes outside the lock. Closing changes both ends' poll bits (Hup/Err), hence the
    // "both sides" case always notifying.
    private readonly record struct Wakeups(
        TaskCompletionSource? ReadSignal,
        TaskCompletionSource? WriteSignal,
        bool ReadEndReadiness,
        bool WriteEndReadiness,
        bool ReleasePipe);
}
