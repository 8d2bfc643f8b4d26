using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Net;
using AgentOs.Kernel.Processes;
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
}
