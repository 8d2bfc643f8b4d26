using System.Diagnostics.CodeAnalysis;
using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Threading;

namespace AgentOs.Kernel.Processes;

/// <summary>
/// One entry of a VM's <see cref="ProcessTable"/>: identity, descriptor table, signal state and life cycle. The
/// table's lock guards every mutable field here; the getters read without it (single-word reads, possibly stale).
/// The process's own executor thread changes <see cref="WorkingDirectory"/>, <see cref="Umask"/> and
/// <see cref="Credentials"/> through the kernel facade.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "The token source has no timer; disposing it would break late registrations on Interrupted.")]
public sealed class Process
{
    private readonly object _gate;
    private readonly CancellationTokenSource _interrupt = new();
    private readonly TaskCompletionSource<ExitStatus> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile ProcessState _state;

    internal Process(object gate, int pid, int parentPid, int pgid, int sid, FdTable fds, ProcessStart start,
        string workingDirectory, uint umask, Credentials credentials, DateTimeOffset startTime)
    {
        _gate = gate;
        Pid = pid;
        ParentPid = parentPid;
        Pgid = pgid;
        Sid = sid;
        Fds = fds;
        Command = start.Command;
        Arguments = start.Arguments;
        Environment = start.Environment;
        WorkingDirectory = workingDirectory;
        Umask = umask;
        Credentials = credentials;
        StartTime = startTime;
        Interrupted = _interrupt.Token;
    }

    /// <summary>The virtual pid.</summary>
    public int Pid { get; }

    /// <summary>The parent's pid; 0 when the host started the process or its parent is gone and init is not alive.</summary>
    public int ParentPid { get; internal set; }

    /// <summary>Process group id.</summary>
    public int Pgid { get; internal set; }

    /// <summary>Session id.</summary>
    public int Sid { get; internal set; }

    /// <summary>Running, stopped or zombie.</summary>
    public ProcessState State
    {
        get => _state;
        internal set => _state = value;
    }

    /// <summary>The descriptor table; closed when the process exits.</summary>
    public FdTable Fds { get; }

    /// <summary>The path of the executing image.</summary>
    public string Command { get; internal set; }

    /// <summary>argv.</summary>
    public IReadOnlyList<string> Arguments { get; internal set; }

    /// <summary>The environment as <c>K=V</c> entries.</summary>
    public IReadOnlyList<string> Environment { get; internal set; }

    /// <summary>Absolute working directory.</summary>
    public string WorkingDirectory { get; internal set; }

    /// <summary>File mode creation mask (default 022).</summary>
    public uint Umask { get; internal set; }

    /// <summary>Identity.</summary>
    public Credentials Credentials { get; internal set; }

    /// <summary>When the process was created.</summary>
    public DateTimeOffset StartTime { get; }

    /// <summary>When the process exited, once it has.</summary>
    public DateTimeOffset? ExitTime { get; internal set; }

    /// <summary>How the process ended, once it has.</summary>
    public ExitStatus? ExitStatus { get; internal set; }

    /// <summary>Blocked signal set (bit n−1 = signal n).</summary>
    public ulong BlockedSignals { get; internal set; }

    /// <summary>Signals generated while blocked, delivered when unblocked.</summary>
    public ulong PendingSignals { get; internal set; }

    /// <summary>Signals whose disposition is <see cref="SignalDisposition.Ignore"/>.</summary>
    public ulong IgnoredSignals { get; internal set; }

    /// <summary>Cancelled when the process exits (killed or not), so that its blocked kernel waits end with EINTR.</summary>
    public CancellationToken Interrupted { get; }

    /// <summary>Completes with the exit status once the process has exited (fds closed, parent notified).</summary>
    public Task<ExitStatus> Exited => _exited.Task;

    /// <summary>True once the kernel considers the process exited: its executor thread must unwind.</summary>
    public bool IsTerminating => _state == ProcessState.Zombie;

    /// <summary>The description this process is writing to right now (set by the kernel around write(2)), so a
    /// parent polling waitpid can tell that its child is stuck on a pipe only the parent could drain.</summary>
    internal FileDescription? PendingWrite { get; set; }

    private long _cpuTimeNs;

    /// <summary>CPU time the process's guest thread has used (charged at every epoch tick and at exit).</summary>
    public TimeSpan CpuTime => TimeSpan.FromTicks(Volatile.Read(ref _cpuTimeNs) / 100);

    /// <summary>RLIMIT_CPU soft and hard limits in seconds (<see cref="ulong.MaxValue"/>: none); inherited by children.</summary>
    internal ulong CpuLimitSoft { get; set; } = ulong.MaxValue;

    /// <inheritdoc cref="CpuLimitSoft"/>
    internal ulong CpuLimitHard { get; set; } = ulong.MaxValue;

    /// <summary>CPU seconds at which the next SIGXCPU is due (Linux repeats it every CPU second past the soft limit).</summary>
    internal ulong NextCpuSignalSeconds { get; set; } = ulong.MaxValue;

    /// <summary>Adds CPU time (the process's own thread only); returns the new total in nanoseconds.</summary>
    internal long AddCpuTime(long nanoseconds) => Interlocked.Add(ref _cpuTimeNs, Math.Max(0, nanoseconds));

    /// <summary>Empty WNOHANG polls in a row, each soon after the last (the process's own thread only).</summary>
    internal int EmptyPollStreak { get; set; }

    /// <summary><see cref="System.Diagnostics.Stopwatch"/> timestamp at which the last empty WNOHANG poll returned.</summary>
    internal long LastEmptyPoll { get; set; }

    /// <summary>The table's change count seen by the last empty poll. Guarded by the table lock.</summary>
    internal long PollSequence { get; set; }

    /// <summary>A stop/continue event not yet reported to a waiting parent. Guarded by the table lock.</summary>
    internal WaitEventKind PendingEvent { get; set; }

    /// <summary>The signal that caused the pending stop event. Guarded by the table lock.</summary>
    internal int StopSignal { get; set; }

    /// <summary>Orders zombies by exit for wait. Guarded by the table lock.</summary>
    internal long ExitSequence { get; set; }

    /// <summary>The disposition of <paramref name="signal"/> (1..64).</summary>
    public SignalDisposition GetDisposition(int signal) =>
        (IgnoredSignals & Signals.Bit(signal)) != 0 ? SignalDisposition.Ignore : SignalDisposition.Default;

    /// <summary>
    /// Blocks the calling (executor) thread while the process is stopped. Returns <see cref="Errno.Success"/> once it
    /// runs again, <see cref="Errno.EINTR"/> if it exited meanwhile or <paramref name="wait"/> was cancelled.
    /// </summary>
    public Errno WaitWhileStopped(in WaitContext wait)
    {
        lock (_gate)
        {
            var deadline = wait.DeadlineFromNow();
            while (_state == ProcessState.Stopped)
            {
                var error = KernelWait.Wait(_gate, wait, deadline);
                if (error != Errno.Success)
                {
                    return error;
                }
            }

            return _state == ProcessState.Zombie ? Errno.EINTR : Errno.Success;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"pid {Pid} ({Command}) {State}";

    // Called once, outside the table lock, after the process became a zombie.
    internal void CancelInterrupted() => _interrupt.Cancel();

    // Called once, outside the table lock, after fds were closed.
    internal void CompleteExited(ExitStatus status) => _exited.TrySetResult(status);
}
