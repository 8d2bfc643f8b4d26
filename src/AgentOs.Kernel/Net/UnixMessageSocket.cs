using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Threading;

namespace AgentOs.Kernel.Net;

/// <summary>
/// One end of a Unix socketpair that keeps message boundaries: SOCK_DGRAM, or SOCK_SEQPACKET (reported as a stream
/// socket to fstat, as WASI has no seqpacket file type). Both ends are unnamed and connected for life.
/// </summary>
internal sealed class UnixMessageSocket : Socket
{
    private static readonly SocketEndpoint Unnamed = SocketEndpoint.Unix(null);

    private MessageConnection? _connection;
    private int _side;

    private UnixMessageSocket(SocketTable table, bool nonBlocking)
        : base(table, SocketDomain.Unix, nonBlocking)
    {
    }

    /// <inheritdoc/>
    public override FileType FileType => Connection.Sequenced ? FileType.SocketStream : FileType.SocketDatagram;

    /// <inheritdoc/>
    public override SocketEndpoint? LocalEndpoint => Unnamed;

    /// <inheritdoc/>
    public override SocketEndpoint? PeerEndpoint => Unnamed;

    /// <summary>The connection (tests, diagnostics).</summary>
    internal MessageConnection Connection => _connection!;

    /// <summary>socketpair(2): two connected sockets; the caller has reserved their socket units and one connection unit.</summary>
    public static (UnixMessageSocket First, UnixMessageSocket Second) Pair(SocketTable table, bool sequenced, bool nonBlocking)
    {
        var first = new UnixMessageSocket(table, nonBlocking);
        var second = new UnixMessageSocket(table, nonBlocking) { _side = 1 };
        first._connection = second._connection = new MessageConnection(table, first, second, sequenced);
        return (first, second);
    }

    /// <inheritdoc/>
    public override Errno Send(ReadOnlySpan<byte> data, MessageFlags flags, SocketEndpoint? destination, in WaitContext wait, out int sent) =>
        Send(data, null, flags, destination, wait, out sent);

    /// <summary>sendmsg(2) with SCM_RIGHTS. Takes <paramref name="rights"/>' references: the queued message holds
    /// them, or they are released when the send fails.</summary>
    public Errno Send(ReadOnlySpan<byte> data, FileDescription[]? rights, MessageFlags flags, SocketEndpoint? destination, in WaitContext wait, out int sent)
    {
        sent = 0;
        if (destination is not null)
        {
            SocketRights.ReleaseAll(rights);
            return Errno.EISCONN;
        }

        SocketRights.Depart(Table, rights);
        var errno = Connection.Send(_side, data, rights, MustNotWait(flags), SendWait(wait), out sent) switch
        {
            Errno.ETIMEDOUT when SendTimeoutMs > 0 => Errno.EAGAIN,
            var result => result,
        };
        SocketRights.Settle(Table, rights, errno == Errno.Success);
        return errno;
    }

    /// <inheritdoc/>
    public override Errno Receive(Span<byte> buffer, MessageFlags flags, in WaitContext wait, out int received, out SocketEndpoint? source)
    {
        var errno = Receive(buffer, flags, wait, out var copied, out var fullLength, out var rights);
        SocketRights.ReleaseAll(rights); // a plain recv discards passed descriptions, as Linux closes them
        received = (flags & MessageFlags.Truncate) != 0 ? fullLength : copied;
        source = errno == Errno.Success ? Unnamed : null;
        return errno;
    }

    /// <summary>recvmsg(2) with SCM_RIGHTS: bytes copied, the message's full length, and the descriptions it carried
    /// (references the caller owns).</summary>
    public Errno Receive(Span<byte> buffer, MessageFlags flags, in WaitContext wait, out int copied, out int fullLength, out FileDescription[]? rights)
    {
        var errno = Connection.Receive(_side, buffer, (flags & MessageFlags.Peek) != 0, MustNotWait(flags), ReceiveWait(wait), out copied, out fullLength, out rights);
        return errno == Errno.ETIMEDOUT ? ReceiveTimedOut() : errno;
    }

    /// <inheritdoc/>
    public override Errno Bind(SocketEndpoint endpoint) => Errno.EINVAL;

    /// <inheritdoc/>
    public override Errno Shutdown(ShutdownHow how)
    {
        Connection.Shutdown(_side, how);
        return Errno.Success;
    }

    /// <inheritdoc/>
    public override Errno TakeError() => Errno.Success;

    /// <inheritdoc/>
    public override PollEvents Poll() => IsClosed ? PollEvents.Nval : Connection.Poll(_side);

    /// <inheritdoc/>
    internal override void AddQueuedSockets(List<Socket> into) => Connection.AddQueuedSockets(_side, into);

    /// <inheritdoc/>
    internal override void PurgeQueue() => Connection.Purge(_side);

    /// <inheritdoc/>
    protected override void CloseCore() => Connection.Close(_side);
}
