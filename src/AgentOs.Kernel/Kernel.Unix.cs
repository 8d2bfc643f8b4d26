using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Net;
using AgentOs.Kernel.Processes;
using AgentOs.Kernel.Threading;
using AgentOs.Kernel.Vfs;

namespace AgentOs.Kernel;

/// <summary>
/// Unix-domain socket names (spec §2.8.10): a path name is a socket node in the VFS, made by bind and looked up by
/// connect with the caller's credentials, cwd and umask; abstract and autobind names stay in the VM's socket table.
/// </summary>
public sealed partial class Kernel
{
    /// <summary>
    /// socketpair(2): two connected Unix sockets (stream, datagram or seqpacket) at the two lowest free fds, or
    /// nothing. EAGAIN at <c>maxSockets</c>/<c>maxConnections</c>, EMFILE/ENFILE for the descriptors.
    /// </summary>
    public Errno SocketPair(Process process, SocketKind kind, bool nonBlocking, bool closeOnExec, out int fd0, out int fd1)
    {
        fd0 = fd1 = -1;
        var table = Sockets;
        if (!table.Sockets.TryReserve(2))
        {
            return Errno.EAGAIN;
        }

        if (!table.Connections.TryReserve())
        {
            table.Sockets.Release(2);
            return Errno.EAGAIN;
        }

        Net.Socket first, second;
        if (kind == SocketKind.Stream)
        {
            var a = new StreamSocket(table, SocketDomain.Unix, nonBlocking);
            var b = new StreamSocket(table, SocketDomain.Unix, nonBlocking);
            StreamSocket.Pair(a, b);
            (first, second) = (a, b);
        }
        else
        {
            (first, second) = UnixMessageSocket.Pair(table, kind == SocketKind.SeqPacket, nonBlocking);
        }

        var errno = process.Fds.AddPair(first, second, closeOnExec ? FdFlags.CloseOnExec : FdFlags.None, out fd0, out fd1);
        if (errno != Errno.Success)
        {
            first.Discard();
            second.Discard();
        }

        return errno;
    }

    /// <summary>
    /// sendmsg(2) with SCM_RIGHTS on a kernel Unix socket (anything else → ENOTSOCK, so libc falls back to send):
    /// each of <paramref name="rightFds"/>' descriptions travels with the message (stream: with its first byte)
    /// until received or dropped. EINVAL above 253 rights, EBADF for a right that is not open. EPIPE raises SIGPIPE
    /// unless MSG_NOSIGNAL.
    /// </summary>
    public Errno SocketSendRights(Process process, int fd, ReadOnlySpan<byte> data, ReadOnlySpan<int> rightFds, MessageFlags flags, out int sent)
    {
        sent = 0;
        var errno = GetUnixSocket(process, fd, out var socket);
        if (errno != Errno.Success)
        {
            return errno;
        }

        if (rightFds.Length > SocketRights.MaxPerMessage)
        {
            return Errno.EINVAL;
        }

        var rights = new FileDescription[rightFds.Length];
        for (var i = 0; i < rights.Length; i++)
        {
            errno = process.Fds.GetRetained(rightFds[i], out rights[i]);
            if (errno != Errno.Success)
            {
                SocketRights.ReleaseAll(rights[..i]);
                return errno;
            }
        }

        var wait = new WaitContext(process.Interrupted);
        errno = socket switch
        {
            StreamSocket stream => stream.Send(data.Length > Limits.MaxFdWriteBytes ? data[..(int)Limits.MaxFdWriteBytes] : data, rights, flags, wait, out sent),
            UnixDatagramSocket datagram => SendUnixDatagram(process, datagram, data, rights.Length > 0 ? rights : null, flags, null, out sent),
            _ => ((UnixMessageSocket)socket).Send(data, rights.Length > 0 ? rights : null, flags, null, wait, out sent),
        };
        return SignalBrokenPipe(process, socket, errno, flags);
    }

    /// <summary>
    /// recvmsg(2) with SCM_RIGHTS on a kernel Unix socket (anything else → ENOTSOCK): bytes copied, the message's
    /// full length (datagram/seqpacket; a stream reports the bytes copied), and the passed descriptions installed
    /// as new fds (lowest free, FD_CLOEXEC with <paramref name="closeOnExec"/>). At most
    /// <paramref name="rightsCapacity"/> are installed, and only as many as the fd table takes (all reserved before
    /// any is installed); the rest are closed and <paramref name="rightsTruncated"/> is set (MSG_CTRUNC).
    /// </summary>
    public Errno SocketReceiveRights(
        Process process, int fd, Span<byte> buffer, int rightsCapacity, MessageFlags flags, bool closeOnExec,
        out int received, out int fullLength, out int[] rightFds, out bool rightsTruncated)
    {
        received = fullLength = 0;
        rightFds = [];
        rightsTruncated = false;
        var errno = GetUnixSocket(process, fd, out var socket);
        if (errno != Errno.Success)
        {
            return errno;
        }

        var rights = new List<FileDescription>();
        errno = ReceiveWithRights(socket, buffer, flags, FirstBlockingPhase(process, socket.ReceiveTimeoutMs, out var split), rights, out received, out fullLength);
        if (ContinueBlocking(process, errno, split, ReceiveOperation, out var rest))
        {
            errno = EndBlocking(process, ReceiveWithRights(socket, buffer, flags, rest, rights, out received, out fullLength), ReceiveOperation);
        }

        if (errno != Errno.Success)
        {
            return errno;
        }

        var reserved = new List<int>();
        while (reserved.Count < Math.Min(rightsCapacity, rights.Count) && process.Fds.Reserve(out var next) == Errno.Success)
        {
            reserved.Add(next);
        }

        for (var i = 0; i < reserved.Count; i++)
        {
            process.Fds.Commit(reserved[i], rights[i], closeOnExec ? FdFlags.CloseOnExec : FdFlags.None);
        }

        // The installed descriptors hold their own references now; the in-flight ones go (closing the extras).
        SocketRights.ReleaseAll(rights);
        rightFds = [.. reserved];
        rightsTruncated = reserved.Count < rights.Count;
        return Errno.Success;
    }

    // A kernel Unix socket: a stream or datagram socket or socketpair end of the Unix domain; anything else is ENOTSOCK.
    private static Errno GetUnixSocket(Process process, int fd, out Net.Socket socket)
    {
        var errno = GetSocket(process, fd, out socket);
        if (errno == Errno.Success && (socket.Domain != SocketDomain.Unix || socket is not (StreamSocket or UnixMessageSocket or UnixDatagramSocket)))
        {
            return Errno.ENOTSOCK;
        }

        return errno;
    }

    private static bool IsUnixPath(SocketEndpoint endpoint) => endpoint.UnixName is { Length: > 0 } name && name[0] == '/';

    private static PathContext SocketPathContext(Process process) => new(process.Credentials, process.WorkingDirectory, process.Umask);

    private Errno BindUnixPath(Process process, Net.Socket socket, SocketEndpoint endpoint)
    {
        var context = SocketPathContext(process);
        var path = endpoint.UnixName!;
        Func<Net.Socket, (Errno, SocketInode?)> createNode = s =>
        {
            var errno = FileSystem.BindSocket(context, path, s, out var node);
            return (errno, node);
        };
        return socket switch
        {
            StreamSocket stream => stream.BindPath(endpoint, createNode),
            UnixDatagramSocket datagram => datagram.BindPath(endpoint, createNode),
            _ => Errno.EAFNOSUPPORT,
        };
    }

    // connect(2) to a Unix name: a path goes through the VFS (ENOENT, EACCES, ECONNREFUSED for a non-socket or a
    // closed one, EPROTOTYPE for a socket of another type), an abstract name through the socket table.
    private Errno ConnectUnix(Process process, StreamSocket stream, SocketEndpoint endpoint)
    {
        if (endpoint.UnixName is not { } name)
        {
            return Errno.EINVAL;
        }

        if (!IsUnixPath(endpoint))
        {
            return stream.Connect(Sockets.FindUnix(name), endpoint);
        }

        var errno = FileSystem.FindSocket(SocketPathContext(process), name, out var bound);
        if (errno != Errno.Success)
        {
            return errno;
        }

        return bound is StreamSocket listener ? stream.Connect(listener, endpoint) : Errno.EPROTOTYPE;
    }

    /// <summary>
    /// send(2)/sendto(2)/sendmsg(2) on a Unix datagram socket: to <paramref name="destination"/> (resolved as
    /// <see cref="FindUnixDatagram"/> does) or the connected peer. Takes <paramref name="rights"/>' references.
    /// EPIPE after SHUT_WR raises no SIGPIPE (Linux signals only for stream sockets).
    /// </summary>
    private Errno SendUnixDatagram(
        Process process, UnixDatagramSocket socket, ReadOnlySpan<byte> data, FileDescription[]? rights, MessageFlags flags, SocketEndpoint? destination, out int sent)
    {
        sent = 0;
        UnixDatagramSocket? target = null;
        if (destination is not null)
        {
            var errno = FindUnixDatagram(process, destination, out target);
            if (errno != Errno.Success)
            {
                SocketRights.ReleaseAll(rights);
                return errno;
            }
        }

        return socket.Send(data, rights, flags, target, new WaitContext(process.Interrupted), out sent);
    }

    // connect(2) on a Unix datagram socket: sets the default destination.
    private Errno ConnectUnixDatagram(Process process, UnixDatagramSocket socket, SocketEndpoint endpoint)
    {
        var errno = FindUnixDatagram(process, endpoint, out var target);
        return errno != Errno.Success ? errno : socket.Connect(target!);
    }

    // The datagram socket bound at a Unix name: a path through the VM's file system (ENOENT, EACCES, ECONNREFUSED for
    // a non-socket or a closed one, EPROTOTYPE for a socket of another type, as Linux), an abstract name through the
    // socket table's datagram namespace (ECONNREFUSED when unbound). An INET address is EAFNOSUPPORT, no name EINVAL.
    private Errno FindUnixDatagram(Process process, SocketEndpoint endpoint, out UnixDatagramSocket? target)
    {
        target = null;
        if (endpoint.Domain != SocketDomain.Unix)
        {
            return Errno.EAFNOSUPPORT;
        }

        endpoint = AbsoluteUnix(process, endpoint);
        if (endpoint.UnixName is not { } name)
        {
            return Errno.EINVAL;
        }

        if (!IsUnixPath(endpoint))
        {
            target = Sockets.FindUnixDatagram(name);
            return target is null ? Errno.ECONNREFUSED : Errno.Success;
        }

        var errno = FileSystem.FindSocket(SocketPathContext(process), name, out var bound);
        if (errno != Errno.Success)
        {
            return errno;
        }

        target = bound as UnixDatagramSocket;
        return target is null ? Errno.EPROTOTYPE : Errno.Success;
    }

    // One receive of SocketReceiveRights on a kernel Unix socket; the descriptions that came with it go to rights.
    private static Errno ReceiveWithRights(Net.Socket socket, Span<byte> buffer, MessageFlags flags, in WaitContext wait, List<FileDescription> rights, out int received, out int fullLength)
    {
        Errno errno;
        if (socket is StreamSocket stream)
        {
            errno = stream.Receive(buffer, flags, wait, rights, out received);
            fullLength = received;
        }
        else if (socket is UnixDatagramSocket datagram)
        {
            errno = datagram.Receive(buffer, flags, wait, out received, out fullLength, out var carried, out _);
            rights.AddRange(carried ?? []);
        }
        else
        {
            errno = ((UnixMessageSocket)socket).Receive(buffer, flags, wait, out received, out fullLength, out var carried);
            rights.AddRange(carried ?? []);
        }

        return errno;
    }
}
