using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Threading;
using AgentOs.Kernel.Vfs;

namespace AgentOs.Kernel.Ipc;

/// <summary>
/// A pseudo-terminal pair: the master (<see cref="PtyMaster"/>, held by the host) types into the
/// <see cref="LineDiscipline"/> and reads what the slave (<see cref="PtySlave"/>, the guest's stdio) writes. Output
/// goes through a bounded <see cref="Pipe"/> (a guest writing into a terminal nobody reads blocks; memory never
/// grows), input through the discipline's bounded queue (a host typing faster than the guest reads waits). The
/// terminal knows its session and foreground process group, to which it sends ^C/^\/^Z signals, SIGWINCH on resize
/// and SIGHUP when the master closes. One <c>vm_ptys</c> unit is held until both sides are closed.
/// </summary>
/// <remarks>
/// One lock, <c>_gate</c>, guards the discipline, the size, the session fields and the close flags, and is the monitor
/// slave readers wait on. Echo bytes, signals, readiness events and the limit release run after it is dropped; the
/// output pipe has its own lock and is never entered with <c>_gate</c> held.
/// </remarks>
internal sealed class Pty
{
    /// <summary>Bytes the output side buffers before a writing guest blocks.</summary>
    public const int OutputCapacity = 16384;

    /// <summary>The largest accepted window dimension.</summary>
    public const int MaxDimension = 4096;

    /// <summary>st_dev of every terminal (Linux devpts is one device).</summary>
    public const ulong DevPtsDevice = 0x1A;

    private const int SigHup = 1;
    private const int SigCont = 18;
    private const int SigWinch = 28;
    private const int PtsMajor = 136;

    private static int _nextIndex;

    private readonly object _gate = new();
    private readonly LineDiscipline _discipline = new();
    private readonly CursorTracker _cursor = new();
    private readonly Pipe _output = new(OutputCapacity);

    // Input steps whose echo is still on its way to the output; slave reads wait for them (under _gate).
    private int _echoing;
    private readonly LimitGauge? _ptys;
    private readonly Action<int, int, int> _signalGroup;
    private readonly long _createdNs;

    // Guarded by _gate.
    private int _columns;
    private int _rows;
    private int _sessionId;
    private int _foregroundGroup;
    private bool _masterClosed;
    private bool _slaveClosed;
    private bool _released;
    private bool _answerCursorQueries;
    private int _lineEditor;
    private TaskCompletionSource? _roomSignal;

    /// <summary>Creates a pair of <paramref name="columns"/> × <paramref name="rows"/>; <paramref name="signalGroup"/>
    /// (pgid, signal, pid to spare or 0) delivers terminal signals, <paramref name="ptys"/> is released when both sides close.</summary>
    public Pty(int columns, int rows, Action<int, int, int> signalGroup, LimitGauge? ptys)
    {
        _columns = columns;
        _rows = rows;
        _signalGroup = signalGroup;
        _ptys = ptys;
        Index = Interlocked.Increment(ref _nextIndex) - 1;
        _createdNs = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100;
        Master = new PtyMaster(this);
        Slave = new PtySlave(this);
        _output.WriteEnd.ReadinessChanged += Slave.RaiseReadinessChanged;
        _output.ReadEnd.ReadinessChanged += Master.RaiseReadinessChanged;
    }

    /// <summary>The host's side.</summary>
    public PtyMaster Master { get; }

    /// <summary>The guest's side (its stdio).</summary>
    public PtySlave Slave { get; }

    /// <summary>The /dev/pts number.</summary>
    public int Index { get; }

    /// <summary>Window columns.</summary>
    public int Columns
    {
        get
        {
            lock (_gate)
            {
                return _columns;
            }
        }
    }

    /// <summary>Window rows.</summary>
    public int Rows
    {
        get
        {
            lock (_gate)
            {
                return _rows;
            }
        }
    }

    /// <summary>Whether the discipline is in canonical (cooked) mode.</summary>
    public bool Canonical
    {
        get
        {
            lock (_gate)
            {
                return _discipline.Canonical;
            }
        }
    }

    /// <summary>
    /// Whether the terminal itself answers cursor position queries (<c>ESC [ 6 n</c>) written to it, as an emulator
    /// would, from the cursor position it follows through the output. For hosts that show no screen; a host with a
    /// real terminal behind the master leaves it off and lets that terminal answer.
    /// </summary>
    public bool AnswerCursorQueries
    {
        get
        {
            lock (_gate)
            {
                return _answerCursorQueries;
            }
        }

        set
        {
            lock (_gate)
            {
                _answerCursorQueries = value;
            }
        }
    }

    /// <summary>Whether the discipline echoes input.</summary>
    public bool Echo
    {
        get
        {
            lock (_gate)
            {
                return _discipline.Echo;
            }
        }
    }

    /// <summary>The session this is the controlling terminal of (0: none).</summary>
    public int SessionId
    {
        get
        {
            lock (_gate)
            {
                return _sessionId;
            }
        }
    }

    /// <summary>The foreground process group (tcgetpgrp), 0 when none.</summary>
    public int ForegroundGroup
    {
        get
        {
            lock (_gate)
            {
                return _foregroundGroup;
            }
        }
    }

    /// <summary>Whether the host closed the master (the terminal hung up).</summary>
    public bool MasterClosed
    {
        get
        {
            lock (_gate)
            {
                return _masterClosed;
            }
        }
    }

    /// <summary>Input not yet read by the guest (for tests and diagnostics).</summary>
    internal int BufferedInput
    {
        get
        {
            lock (_gate)
            {
                return _discipline.Buffered;
            }
        }
    }

    /// <summary>Output not yet read by the host (for tests and diagnostics).</summary>
    internal int BufferedOutput => _output.BufferedBytes;

    /// <summary>Guest threads blocked writing output (for tests and diagnostics).</summary>
    internal int BlockedWriters => _output.BlockedWriters;

    /// <summary>Whether <paramref name="columns"/> × <paramref name="rows"/> is a size a terminal may have.</summary>
    public static bool IsValidSize(int columns, int rows) =>
        columns is >= 1 and <= MaxDimension && rows is >= 1 and <= MaxDimension;

    /// <summary>
    /// Opens a pair charged to <paramref name="ptys"/> (<c>vm_ptys</c>): EAGAIN, creating nothing, at the cap;
    /// EINVAL for a size outside 1..<see cref="MaxDimension"/>.
    /// </summary>
    public static Errno TryCreate(LimitGauge ptys, int columns, int rows, Action<int, int, int> signalGroup, out Pty pty)
    {
        pty = null!;
        if (!IsValidSize(columns, rows))
        {
            return Errno.EINVAL;
        }

        if (!ptys.TryReserve())
        {
            return Errno.EAGAIN;
        }

        pty = new Pty(columns, rows, signalGroup, ptys);
        return Errno.Success;
    }

    /// <summary>Makes this the controlling terminal of session <paramref name="sessionId"/> with
    /// <paramref name="foregroundGroup"/> in the foreground (TIOCSCTTY by a session leader).</summary>
    public void SetControlling(int sessionId, int foregroundGroup)
    {
        lock (_gate)
        {
            _sessionId = sessionId;
            _foregroundGroup = foregroundGroup;
        }
    }

    /// <summary>tcsetpgrp: the caller (in session <paramref name="sessionId"/>) moves <paramref name="group"/> to the
    /// foreground. ENOTTY when this is not that session's terminal. The kernel checks the group is in the session.</summary>
    public Errno SetForeground(int sessionId, int group)
    {
        lock (_gate)
        {
            if (_sessionId == 0 || _sessionId != sessionId)
            {
                return Errno.ENOTTY;
            }

            _foregroundGroup = group;
            return Errno.Success;
        }
    }

    /// <summary>
    /// cfmakeraw (<paramref name="raw"/>) or back to cooked mode, by the line editor of process <paramref name="editor"/>
    /// (0: the host). That process is the terminal's interactive shell from then on: the signal characters spare it, as
    /// an interactive POSIX shell ignores SIGINT, SIGQUIT and SIGTSTP (the published shells cannot install handlers
    /// and run their jobs in their own process group), so ^C ends the running command and the shell prompts again.
    /// </summary>
    public void SetRaw(bool raw, int editor = 0)
    {
        lock (_gate)
        {
            if (editor > 0)
            {
                _lineEditor = editor;
            }

            _discipline.SetRaw(raw);
            KernelWait.WakeAll(_gate);
        }

        Slave.RaiseReadinessChanged();
    }

    /// <summary>Sets echo on or off without changing the other modes.</summary>
    public void SetEcho(bool echo)
    {
        lock (_gate)
        {
            _discipline.Echo = echo;
        }
    }

    /// <summary>TIOCSWINSZ: a new size; a change sends SIGWINCH to the foreground group. EINVAL for a bad size.</summary>
    public Errno Resize(int columns, int rows)
    {
        if (!IsValidSize(columns, rows))
        {
            return Errno.EINVAL;
        }

        int group;
        lock (_gate)
        {
            if (_columns == columns && _rows == rows)
            {
                return Errno.Success;
            }

            _columns = columns;
            _rows = rows;
            group = _foregroundGroup;
        }

        if (group > 0)
        {
            _signalGroup(group, SigWinch, 0);
        }

        return Errno.Success;
    }

    /// <summary>fstat of either side: a character device on devpts (136, index), mode 0620.</summary>
    public StatInfo Stat()
    {
        var rdev = ((ulong)PtsMajor << 8) | (uint)Index;
        return new StatInfo(DevPtsDevice, (ulong)Index + 3, ModeBits.CharDevice | 0x190, 1, 0, 0, rdev, 0, 0, _createdNs, _createdNs, _createdNs);
    }

    /// <summary>
    /// read(2) on the slave: a line in canonical mode, what is queued in raw mode; 0 at end of file (^D on an empty
    /// line) or after a hangup; EAGAIN when empty and <paramref name="nonBlocking"/>; otherwise waits for input, the
    /// wait's cancellation (EINTR) or deadline (ETIMEDOUT).
    /// </summary>
    public Errno SlaveRead(Span<byte> buffer, bool nonBlocking, in WaitContext wait, out int read)
    {
        read = 0;
        if (buffer.IsEmpty)
        {
            return Errno.Success;
        }

        TaskCompletionSource? room;
        lock (_gate)
        {
            long? deadline = null;
            while (_echoing > 0 || !_discipline.Read(buffer, out read))
            {
                if (_masterClosed)
                {
                    return Errno.Success;
                }

                if (nonBlocking)
                {
                    return Errno.EAGAIN;
                }

                deadline ??= wait.DeadlineFromNow();
                var waited = KernelWait.Wait(_gate, wait, deadline.Value);
                if (waited != Errno.Success)
                {
                    return waited;
                }
            }

            room = _roomSignal;
            _roomSignal = null;
            KernelWait.WakeAll(_gate);
        }

        room?.TrySetResult();
        Master.RaiseReadinessChanged();
        return Errno.Success;
    }

    /// <summary>
    /// write(2) on the slave: output processing (ONLCR) into the bounded output buffer, blocking while it is full.
    /// EIO after a hangup (Linux; no SIGPIPE).
    /// </summary>
    public Errno SlaveWrite(ReadOnlySpan<byte> buffer, bool nonBlocking, in WaitContext wait, out int written)
    {
        written = 0;
        Span<byte> chunk = stackalloc byte[2048];
        while (written < buffer.Length)
        {
            int produced, consumed;
            lock (_gate)
            {
                if (_masterClosed)
                {
                    return written > 0 ? Errno.Success : Errno.EIO;
                }

                produced = _discipline.TranslateOutput(buffer[written..], chunk, out consumed);
            }

            var errno = _output.Write(chunk[..produced], nonBlocking, wait, out var placed);
            Follow(chunk[..placed]);
            if (placed == produced)
            {
                written += consumed;
                continue;
            }

            // Part of the chunk went out: count the input bytes whose output was placed completely.
            written += InputBytesFor(buffer.Slice(written, consumed), placed);
            if (errno == Errno.EPIPE)
            {
                errno = Errno.EIO;
            }

            return written > 0 ? Errno.Success : errno == Errno.Success ? Errno.EAGAIN : errno;
        }

        return Errno.Success;
    }

    /// <summary>Readiness of the slave: In with input (or after a hangup), Out with room in the output buffer.</summary>
    public PollEvents PollSlave()
    {
        var events = _output.PollWriteEnd() & PollEvents.Out;
        lock (_gate)
        {
            if ((_discipline.Readable && _echoing == 0) || _masterClosed)
            {
                events |= PollEvents.In;
            }

            return _masterClosed ? events | PollEvents.Hup : events;
        }
    }

    /// <summary>Readiness of the master: In with output (or once the slave closed), Out while the guest can take input.</summary>
    public PollEvents PollMaster()
    {
        var events = _output.PollReadEnd() & (PollEvents.In | PollEvents.Hup);
        lock (_gate)
        {
            if (_discipline.Buffered < LineDiscipline.InputCapacity)
            {
                events |= PollEvents.Out;
            }
        }

        return events;
    }

    /// <summary>Host read of the output: what the guest wrote (at most the buffer), 0 once the slave closed and all was read.</summary>
    public ValueTask<int> ReadOutputAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
        _output.ReadAsync(buffer, cancellationToken);

    /// <summary>Guest read of the output (a guest-held master).</summary>
    public Errno ReadOutput(Span<byte> buffer, bool nonBlocking, in WaitContext wait, out int read) =>
        _output.Read(buffer, nonBlocking, wait, out read);

    /// <summary>
    /// Host typing: runs all of <paramref name="data"/> through the line discipline, waiting (without a thread) while
    /// the guest's input queue is full. EIO once the master or the slave is closed.
    /// </summary>
    public async ValueTask<Errno> WriteInputAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var offset = 0;
        while (offset < data.Length)
        {
            var errno = InputStep(data.Span[offset..], out var consumed, out var room);
            if (errno != Errno.Success)
            {
                return errno;
            }

            offset += consumed;
            if (room is not null)
            {
                await room.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return Errno.Success;
    }

    /// <summary>Guest typing into a guest-held master: as <see cref="WriteInputAsync"/>, blocking through <paramref name="wait"/>.</summary>
    public Errno WriteInput(ReadOnlySpan<byte> data, bool nonBlocking, in WaitContext wait, out int written)
    {
        written = 0;
        long? deadline = null;
        while (written < data.Length)
        {
            var errno = InputStep(data[written..], out var consumed, out var room);
            if (errno != Errno.Success)
            {
                return written > 0 ? Errno.Success : errno;
            }

            written += consumed;
            if (room is null)
            {
                continue;
            }

            if (nonBlocking)
            {
                return written > 0 ? Errno.Success : Errno.EAGAIN;
            }

            deadline ??= wait.DeadlineFromNow();
            lock (_gate)
            {
                if (_roomSignal is not null && !_roomSignal.Task.IsCompleted)
                {
                    var waited = KernelWait.Wait(_gate, wait, deadline.Value);
                    if (waited != Errno.Success)
                    {
                        return written > 0 ? Errno.Success : waited;
                    }
                }
            }
        }

        return Errno.Success;
    }

    /// <summary>The host closes the master: the terminal hangs up. Slave reads see end of file, writes EIO, and the
    /// foreground group gets SIGHUP and SIGCONT. Idempotent.</summary>
    public void CloseMaster()
    {
        int group;
        TaskCompletionSource? room;
        lock (_gate)
        {
            if (_masterClosed)
            {
                return;
            }

            _masterClosed = true;
            _discipline.Flush();
            group = _foregroundGroup;
            room = _roomSignal;
            _roomSignal = null;
            KernelWait.WakeAll(_gate);
        }

        room?.TrySetResult();
        _output.CloseReadEnd();
        if (group > 0)
        {
            _signalGroup(group, SigHup, 0);
            _signalGroup(group, SigCont, 0);
        }

        Slave.RaiseReadinessChanged();
        ReleaseIfClosed();
    }

    /// <summary>The slave's last descriptor closed: the master reads end of file after what is buffered.</summary>
    public void CloseSlave()
    {
        TaskCompletionSource? room;
        lock (_gate)
        {
            if (_slaveClosed)
            {
                return;
            }

            _slaveClosed = true;
            room = _roomSignal;
            _roomSignal = null;
            KernelWait.WakeAll(_gate);
        }

        room?.TrySetResult();
        _output.CloseWriteEnd();
        ReleaseIfClosed();
    }

    // One pass of input under the lock; echo, signal and wake-ups after it. room is set when the queue filled up.
    private Errno InputStep(ReadOnlySpan<byte> data, out int consumed, out Task? room)
    {
        consumed = 0;
        room = null;
        var echo = new List<byte>();
        int signal, group, editor;
        lock (_gate)
        {
            editor = _lineEditor;
            if (_masterClosed || _slaveClosed)
            {
                return Errno.EIO;
            }

            consumed = _discipline.Input(data, echo, out signal);
            group = _foregroundGroup;
            if (consumed == 0)
            {
                _roomSignal ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                room = _roomSignal.Task;
            }
            else if (echo.Count > 0)
            {
                // Readers wait until the echo is shown, so a program's answer never appears before the typed line.
                _echoing++;
            }
            else
            {
                KernelWait.WakeAll(_gate);
            }
        }

        if (echo.Count > 0)
        {
            // Echo never blocks typing: with the output full it is dropped, as a terminal drops what it cannot show.
            var bytes = echo.ToArray();
            int placed;
            try
            {
                _output.Write(bytes, nonBlocking: true, WaitContext.Unbounded, out placed);
            }
            finally
            {
                if (consumed > 0)
                {
                    lock (_gate)
                    {
                        _echoing--;
                        KernelWait.WakeAll(_gate);
                    }
                }
            }

            Follow(bytes.AsSpan(0, placed));
        }

        if (signal != 0 && group > 0)
        {
            _signalGroup(group, signal, editor);
        }

        if (consumed > 0)
        {
            Slave.RaiseReadinessChanged();
        }

        return Errno.Success;
    }

    // Follows output that reached the buffer; answers the cursor position queries in it when asked to, as typed input
    // (a full input queue drops the answer, as a terminal's reply is lost when nothing reads).
    private void Follow(ReadOnlySpan<byte> shown)
    {
        if (shown.IsEmpty)
        {
            return;
        }

        string? answer = null;
        lock (_gate)
        {
            if (_cursor.Feed(shown, _columns, _rows) > 0 && _answerCursorQueries)
            {
                answer = $"\x1b[{_cursor.Row};{_cursor.Column}R";
            }
        }

        if (answer is not null)
        {
            InputStep(System.Text.Encoding.ASCII.GetBytes(answer), out _, out _);
        }
    }

    private void ReleaseIfClosed()
    {
        lock (_gate)
        {
            if (!_masterClosed || !_slaveClosed || _released)
            {
                return;
            }

            _released = true;
        }

        _ptys?.Release();
    }

    private int InputBytesFor(ReadOnlySpan<byte> input, int placed)
    {
        var outputBytes = 0;
        var count = 0;
        lock (_gate)
        {
            foreach (var b in input)
            {
                var size = _discipline.OutputCrLf && b == (byte)'\n' ? 2 : 1;
                if (outputBytes + size > placed)
                {
                    break;
                }

                outputBytes += size;
                count++;
            }
        }

        return count;
    }
}
