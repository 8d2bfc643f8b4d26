using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Threading;
using AgentOs.Kernel.Vfs;

namespace AgentOs.Kernel.Net;

/// <summary>
/// A kernel socket: an open file description (so descriptors, dup, spawn inheritance, close and poll work as for
/// any file) holding one unit of <c>vm_sockets</c> until its last descriptor closes. Stores the socket options
/// of spec §2.8.4; blocking receives are bounded by <c>maxBlockingReadMs</c> (→ ETIMEDOUT) and by SO_RCVTIMEO
/// (→ EAGAIN).
/// </summary>
internal abstract class Socket : FileDescription
{
    private const uint SocketMode = ModeBits.Socket | 0x1FF;

    private static long _nextInode;

    private int _closed;
    private int _inFlight;

    protected Socket(SocketTable table, SocketDomain domain, bool nonBlocking)
        : base(OpenFlags.ReadWrite | (nonBlocking ? OpenFlags.NonBlock : 0))
    {
        Table = table;
        Domain = domain;
        Inode = (ulong)Interlocked.Increment(ref _nextInode);
    }

    /// <summary>The VM's socket table.</summary>
    public SocketTable Table { get; }

    /// <summary>The address family.</summary>
    public SocketDomain Domain { get; }

    /// <summary>stat(2) inode number on the anonymous socket device.</summary>
    public ulong Inode { get; }

    /// <summary>SO_REUSEADDR (stored; the virtual network has no TIME_WAIT to reuse).</summary>
    public bool ReuseAddress { get; set; }

    /// <summary>SO_KEEPALIVE (stored, no effect on loopback).</summary>
    public bool KeepAlive { get; set; }

    /// <summary>TCP_NODELAY (stored, no effect on loopback).</summary>
    public bool NoDelay { get; set; }

    /// <summary>SO_LINGER (onoff, seconds), stored.</summary>
    public (int OnOff, int Seconds) Linger { get; set; }

    /// <summary>SO_RCVTIMEO in ms; 0 = none.</summary>
    public int ReceiveTimeoutMs { get; set; }

    /// <summary>SO_SNDTIMEO in ms; 0 = none.</summary>
    public int SendTimeoutMs { get; set; }

    /// <summary>Whether the last descriptor has closed.</summary>
    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>References to this socket riding in socket queues (SCM_RIGHTS); changed under the VM's collector lock.</summary>
    internal int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Whether this is a Unix socket, whose queues can carry rights and so be part of an in-flight cycle.</summary>
    internal bool CanCarryRights => Domain == SocketDomain.Unix;

    /// <summary>The bound local address, or null when unbound.</summary>
    public abstract SocketEndpoint? LocalEndpoint { get; }

    /// <summary>The connected peer, or null.</summary>
    public abstract SocketEndpoint? PeerEndpoint { get; }

    /// <inheritdoc/>
    public override Errno Stat(out StatInfo stat)
    {
        stat = new StatInfo(0xF50C, Inode, SocketMode, 1, 0, 0, 0, 0, 0, 0, 0, 0);
        return Errno.Success;
    }

    /// <summary>send(2)/sendto(2); <paramref name="destination"/> is used by datagram sockets only.</summary>
    public abstract Errno Send(ReadOnlySpan<byte> data, MessageFlags flags, SocketEndpoint? destination, in WaitContext wait, out int sent);

    /// <summary>recv(2)/recvfrom(2): bytes copied (or the full datagram length with MSG_TRUNC) and the source.</summary>
    public abstract Errno Receive(Span<byte> buffer, MessageFlags flags, in WaitContext wait, out int received, out SocketEndpoint? source);

    /// <summary>bind(2).</summary>
    public abstract Errno Bind(SocketEndpoint endpoint);

    /// <summary>shutdown(2).</summary>
    public abstract Errno Shutdown(ShutdownHow how);

    /// <summary>SO_ERROR: the pending error, cleared by reading it.</summary>
    public abstract Errno TakeError();

    /// <summary>The wait for a blocking receive: the sooner of SO_RCVTIMEO and <c>maxBlockingReadMs</c>.</summary>
    protected WaitContext ReceiveWait(in WaitContext wait)
    {
        var limit = Table.MaxBlockingReadMs;
        var timeout = ReceiveTimeoutMs > 0 ? Math.Min(ReceiveTimeoutMs, limit) : limit;
        return new WaitContext(wait.Cancellation, wait.TimeoutMs == Timeout.Infinite ? timeout : Math.Min(timeout, wait.TimeoutMs));
    }

    /// <summary>A receive wait that ran out: SO_RCVTIMEO gives EAGAIN, the VM bound ETIMEDOUT.</summary>
    protected Errno ReceiveTimedOut() =>
        ReceiveTimeoutMs > 0 && ReceiveTimeoutMs <= Table.MaxBlockingReadMs ? Errno.EAGAIN : Errno.ETIMEDOUT;

    /// <summary>The wait for a blocking send: SO_SNDTIMEO if set (→ EAGAIN), else only cancellation.</summary>
    protected WaitContext SendWait(in WaitContext wait) =>
        SendTimeoutMs > 0 ? new WaitContext(wait.Cancellation, SendTimeoutMs) : new WaitContext(wait.Cancellation, wait.TimeoutMs);

    /// <summary>Whether this call must not wait.</summary>
    protected bool MustNotWait(MessageFlags flags) => IsNonBlocking || (flags & MessageFlags.DontWait) != 0;

    /// <summary>Raises readiness for poll waiters; called by connections outside their locks.</summary>
    internal void RaiseReadinessChanged() => NotifyReadinessChanged();

    /// <summary>Counts references riding in queues; the caller holds the collector lock.</summary>
    internal void AddInFlight(int delta) => Interlocked.Add(ref _inFlight, delta);

    /// <summary>Adds the Unix sockets riding in this socket's receive queue (a listener's: in its pending connections'
    /// queues) to <paramref name="into"/>, for the collector. Takes this socket's locks one at a time.</summary>
    internal virtual void AddQueuedSockets(List<Socket> into)
    {
    }

    /// <summary>Drops what this socket's receive queue holds, releasing the rights riding there: the collector found
    /// the socket unreachable. Call with no lock held.</summary>
    internal virtual void PurgeQueue()
    {
    }

    /// <inheritdoc/>
    internal sealed override void OnReferenceDropped(int remaining)
    {
        // Every remaining reference rides in a queue: the socket may have become unreachable garbage.
        if (remaining == InFlight)
        {
            SocketRights.RequestCollection(this);
        }
    }

    /// <summary>Tears the socket down; called once.</summary>
    protected abstract void CloseCore();

    /// <summary>Closes a socket no descriptor refers to (a pending connection the listener drops, a failed create).</summary>
    internal void Discard() => OnLastClose();

    /// <inheritdoc/>
    protected override Errno ReadCore(Span<byte> buffer, in WaitContext wait, out int read) =>
        Receive(buffer, MessageFlags.None, wait, out read, out _);

    /// <inheritdoc/>
    protected override Errno WriteCore(ReadOnlySpan<byte> buffer, in WaitContext wait, out int written) =>
        Send(buffer, MessageFlags.None, null, wait, out written);

    /// <inheritdoc/>
    protected sealed override void OnLastClose()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        CloseCore();
        Table.Sockets.Release();
    }
}
