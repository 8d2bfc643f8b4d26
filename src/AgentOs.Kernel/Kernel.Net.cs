using System.Net;
using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Net;
using AgentOs.Kernel.Processes;
using Microsoft.Extensions.Logging;

namespace AgentOs.Kernel;

/// <summary>
/// Socket system calls over the VM's virtual loopback network (spec §2.8). Sockets are file descriptions, so
/// read/write/close/dup/poll work on them as on any descriptor. Destinations outside the loopback are denied
/// (EACCES) by the <c>network</c> permission (<see cref="NetworkPolicy"/>) unless an allow-rule matches a TCP
/// connect (<see cref="HostBridge"/>) or UDP send (<see cref="UdpBridge"/>), carried over a real host socket.
/// </summary>
public sealed partial class Kernel
{
    private SocketTable? _sockets;
    private NetworkPolicy _networkPolicy = NetworkPolicy.DenyAll;

    /// <summary>The <c>network</c> permission's allow-rules for non-loopback destinations (default: deny all). Set
    /// by the VM before any guest runs.</summary>
    public NetworkPolicy NetworkPolicy
    {
        get => Volatile.Read(ref _networkPolicy);
        set => Volatile.Write(ref _networkPolicy, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>The VM's socket namespace, created on first use.</summary>
    internal SocketTable Sockets => LazyInitializer.EnsureInitialized(ref _sockets, () => new SocketTable(
        SocketsGauge, ConnectionsGauge, SocketBufferedBytesGauge, SocketDatagramQueueGauge, Limits.MaxBlockingReadMs));

    /// <summary>socket(2): stream or datagram (Unix datagram sockets too: a superset of the reference);
    /// EMFILE/ENFILE for the descriptor, EAGAIN at <c>maxSockets</c>; nothing is created on failure.</summary>
    public Errno SocketCreate(Process process, SocketDomain domain, SocketKind kind, bool nonBlocking, bool closeOnExec, out int fd)
    {
        if (kind == SocketKind.SeqPacket)
        {
            fd = -1;
            return Errno.EOPNOTSUPP;
        }

        var errno = process.Fds.Reserve(out fd);
        if (errno != Errno.Success)
        {
            return errno;
        }

        if (!Sockets.Sockets.TryReserve())
        {
            process.Fds.Abort(fd);
            fd = -1;
            return Errno.EAGAIN;
        }

        Net.Socket socket = (domain, kind) switch
        {
            (_, SocketKind.Stream) => new StreamSocket(Sockets, domain, nonBlocking),
            (SocketDomain.Unix, _) => new UnixDatagramSocket(Sockets, nonBlocking),
            _ => new DatagramSocket(Sockets, domain, nonBlocking),
        };
        process.Fds.Commit(fd, socket, closeOnExec ? FdFlags.CloseOnExec : FdFlags.None);
        return Errno.Success;
    }

    /// <summary>
    /// Host → guest: connects a host-held TCP socket (in no fd table, charged like a guest's) to the guest listener
    /// on loopback <paramref name="port"/>. ECONNREFUSED when nobody listens, EAGAIN at <c>maxSockets</c> or
    /// <c>maxConnections</c>.
    /// </summary>
    internal Errno HostConnect(int port, out HostSocket? socket) => HostSocket.Connect(Sockets, port, out socket);

    /// <summary>bind(2): loopback or unspecified IPs (else EACCES), a VM port (EADDRINUSE when taken), or a Unix name.</summary>
    public Errno SocketBind(Process process, int fd, SocketEndpoint endpoint)
    {
        var errno = GetSocket(process, fd, out var socket);
        if (errno != Errno.Success)
        {
            return errno;
        }

        if (endpoint.Domain == SocketDomain.Unix)
        {
            endpoint = AbsoluteUnix(process, endpoint);
            if (IsUnixPath(endpoint))
            {
                return BindUnixPath(process, socket, endpoint);
            }
        }
        else if (endpoint.HostName is { } host)
        {
            if (!IsLocalhost(host))
            {
                return Errno.EACCES;
            }

            endpoint = SocketEndpoint.Ip(socket.Domain == SocketDomain.Inet6 ? IPAddress.IPv6Loopback : IPAddress.Loopback, endpoint.Port);
        }

        return socket.Bind(endpoint);
    }

    /// <summary>listen(2).</summary>
    public Errno SocketListen(Process process, int fd, int backlog)
    {
        var errno = GetSocket(process, fd, out var socket);
        if (errno != Errno.Success)
        {
            return errno;
        }

        return socket is StreamSocket stream ? stream.Listen(backlog) : Errno.EINVAL;
    }

    /// <summary>
    /// accept(2): the new descriptor is claimed first (EMFILE/ENFILE leave the connection pending); it is blocking
    /// and without FD_CLOEXEC. Waits bounded by <c>maxBlockingReadMs</c> (ETIMEDOUT) or SO_RCVTIMEO (EAGAIN).
    /// </summary>
    public Errno SocketAccept(Process process, int fd, out int newFd, out SocketEndpoint? peer)
    {
        newFd = -1;
        peer = null;
        var errno = GetSocket(process, fd, out var socket);
        if (errno != Errno.Success)
        {
            return errno;
        }

        if (socket is not StreamSocket { IsListening: true } listener)
        {
            return Errno.EINVAL;
        }

        errno = process.Fds.Reserve(out newFd);
        if (errno != Errno.Success)
        {
            return errno;
        }

        errno = listener.Accept(FirstBlockingPhase(process, listener.ReceiveTimeoutMs, out var split), out var accepted);
        if (ContinueBlocking(process, errno, split, AcceptOperation, out var rest))
        {
            errno = EndBlocking(process, listener.Accept(rest, out accepted), AcceptOperation);
        }

        if (errno != Errno.Success)
        {
            process.Fds.Abort(newFd);
            newFd = -1;
            return errno;
        }

        process.Fds.Commit(newFd, accepted, FdFlags.None);
        peer = accepted.PeerEndpoint;
        return Errno.Success;
    }

    /// <summary>connect(2) on a stream socket: loopback (or <c>localhost</c>), or a destination an allow-rule of the
    /// network permission matches (bridged to the host network); anything else is EACCES. ECONNREFUSED when nobody
    /// listens; EAGAIN at <c>maxSockets</c>/<c>maxConnections</c>. On a Unix datagram socket it sets the default
    /// peer (see <see cref="ConnectUnixDatagram"/>).</summary>
    public Errno SocketConnect(Process process, int fd, SocketEndpoint endpoint)
    {
        var errno = GetSocket(process, fd, out var socket);
        if (errno != Errno.Success)
        {
            return errno;
        }

        if (socket is UnixDatagramSocket unixDatagram)
        {
            return ConnectUnixDatagram(process, unixDatagram, endpoint);
        }

        if (socket is not StreamSocket stream)
        {
            return Errno.EOPNOTSUPP;
        }

        if ((socket.Domain == SocketDomain.Unix) != (endpoint.Domain == SocketDomain.Unix))
        {
            return Errno.EAFNOSUPPORT;
        }

        if (endpoint.Domain == SocketDomain.Unix)
        {
            return ConnectUnix(process, stream, AbsoluteUnix(process, endpoint));
        }

        errno = ResolveLoopback(socket, endpoint, "tcp", out endpoint, out var rule);
        if (errno != Errno.Success)
        {
            return errno;
        }

        if (rule is not null)
        {
            errno = ResolveExternal(process, endpoint, "tcp", out var address);
            return errno != Errno.Success
                ? errno
                : HostBridge.Connect(stream, endpoint, address, rule, new(process.Interrupted), Limits.MaxBlockingReadMs, Logger);
        }

        var listener = Sockets.FindTcp(endpoint.Port);
        return stream.Connect(listener is { IsListening: true } ? listener : null, endpoint);
    }

    /// <summary>
    /// send(2)/sendto(2). EBADF for descriptors that are not sockets (wasi-libc then falls back to fd_write).
    /// EPIPE raises SIGPIPE unless MSG_NOSIGNAL.
    /// </summary>
    public Errno SocketSend(Process process, int fd, ReadOnlySpan<byte> data, MessageFlags flags, SocketEndpoint? destination, out int sent)
    {
        sent = 0;
        var errno = GetSocket(process, fd, out var socket);
        if (errno != Errno.Success)
        {
            return errno == Errno.ENOTSOCK ? Errno.EBADF : errno;
        }

        if (socket is UnixDatagramSocket unixDatagram)
        {
            return SendUnixDatagram(process, unixDatagram, data, null, flags, destination, out sent);
        }

        if (data.Length > Limits.MaxFdWriteBytes && socket is StreamSocket)
        {
            // A stream send may complete short; a datagram is sent whole or refused (EMSGSIZE), never cut.
            data = data[..(int)Limits.MaxFdWriteBytes];
        }

        if (socket is DatagramSocket datagram && destination is not null)
        {
            if (destination.Domain == SocketDomain.Unix)
            {
                return Errno.EAFNOSUPPORT;
            }

            errno = ResolveLoopback(socket, destination, "udp", out destination, out var rule);
            if (errno != Errno.Success)
            {
                return errno;
            }

            if (rule is not null)
            {
                return SendExternalDatagram(process, datagram, data, destination, out sent);
            }
        }

        errno = socket.Send(data, flags, destination, new(process.Interrupted), out sent);
        return SignalBrokenPipe(process, socket, errno, flags);
    }

    /// <summary>recv(2)/recvfrom(2). EBADF for descriptors that are not sockets (wasi-libc falls back to fd_read).</summary>
    public Errno SocketReceive(Process process, int fd, Span<byte> buffer, MessageFlags flags, out int received, out SocketEndpoint? source)
    {
        received = 0;
        source = null;
        var errno = GetSocket(process, fd, out var socket);
        if (errno != Errno.Success)
        {
            return errno == Errno.ENOTSOCK ? Errno.EBADF : errno;
        }

        errno = socket.Receive(buffer, flags, FirstBlockingPhase(process, socket.ReceiveTimeoutMs, out var split), out received, out source);
        if (ContinueBlocking(process, errno, split, ReceiveOperation, out var rest))
        {
            errno = EndBlocking(process, socket.Receive(buffer, flags, rest, out received, out source), ReceiveOperation);
        }

        return errno;
    }

    /// <summary>getsockname(2) (<paramref name="peer"/> false) or getpeername(2).</summary>
    public Errno SocketName(Process process, int fd, bool peer, out SocketEndpoint endpoint)
    {
        endpoint = null!;
        var errno = GetSocket(process, fd, out var socket);
        if (errno != Errno.Success)
        {
            return errno;
        }

        if (peer)
        {
            endpoint = socket.PeerEndpoint!;
            return endpoint is null ? Errno.ENOTCONN : Errno.Success;
        }

        endpoint = socket.LocalEndpoint ?? (socket.Domain == SocketDomain.Unix ? SocketEndpoint.Unix(null) : null!);
        return endpoint is null ? Errno.EINVAL : Errno.Success;
    }

    /// <summary>setsockopt(2) for the stored options; <paramref name="value2"/> is SO_LINGER's seconds.</summary>
    public Errno SocketSetOption(Process process, int fd, SocketOption option, long value, int value2 = 0)
    {
        var errno = GetSocket(process, fd, out var socket);
        if (errno != Errno.Success)
        {
            return errno;
        }

        switch (option)
        {
            case SocketOption.ReuseAddress:
                socket.ReuseAddress = value != 0;
                break;
            case SocketOption.KeepAlive:
                socket.KeepAlive = value != 0;
                break;
            case SocketOption.NoDelay:
                socket.NoDelay = value != 0;
                break;
            case SocketOption.Linger:
                socket.Linger = ((int)value, value2);
                break;
            case SocketOption.ReceiveTimeoutMs:
                socket.ReceiveTimeoutMs = (int)Math.Clamp(value, 0, int.MaxValue);
                break;
            case SocketOption.SendTimeoutMs:
                socket.SendTimeoutMs = (int)Math.Clamp(value, 0, int.MaxValue);
                break;
            default:
                return Errno.EINVAL;
        }

        return Errno.Success;
    }

    /// <summary>getsockopt(SO_ERROR): the pending error (cleared).</summary>
    public Errno SocketTakeError(Process process, int fd, out Errno pending)
    {
        pending = Errno.Success;
        var errno = GetSocket(process, fd, out var socket);
        if (errno == Errno.Success)
        {
            pending = socket.TakeError();
        }

        return errno;
    }

    /// <summary>net_validate_socket / net_validate_accept: EBADF, ENOTSOCK, or EINVAL when not listening.</summary>
    public Errno SocketValidate(Process process, int fd, bool mustListen)
    {
        var errno = GetSocket(process, fd, out var socket);
        if (errno != Errno.Success)
        {
            return errno;
        }

        return !mustListen || socket is StreamSocket { IsListening: true } ? Errno.Success : Errno.EINVAL;
    }

    /// <summary>shutdown(2): how 1 read, 2 write, 3 both; non-socket → ENOTSOCK.</summary>
    public Errno Shutdown(Process process, int fd, int how)
    {
        var errno = GetSocket(process, fd, out var socket);
        if (errno != Errno.Success)
        {
            return errno;
        }

        return how is < 1 or > 3 ? Errno.EINVAL : socket.Shutdown((ShutdownHow)how);
    }

    /// <summary>
    /// getaddrinfo (spec §2.8.8): <c>localhost</c> answers the VM loopback; any other name resolves, through
    /// <see cref="DnsServers"/> when set else the host's resolver, only when an allow-rule of the network permission
    /// names it (the <c>dns://hostname</c> check), else EACCES. Answers in a restricted range (§2.8.7) fail the
    /// lookup with EACCES unless the rule names the host itself. <paramref name="family"/> 0 any, 4, 6; at most <paramref name="maxAnswers"/> answers, IPv4 first.
    /// An unknown name is an empty list.
    /// </summary>
    public Errno ResolveHost(Process process, string host, int family, int maxAnswers, out IReadOnlyList<IPAddress> addresses)
    {
        addresses = [];
        if (IsLocalhost(host))
        {
            addresses = [.. new[] { IPAddress.Loopback, IPAddress.IPv6Loopback }.Where(a => Matches(a, family))];
            return Errno.Success;
        }

        if (IPAddress.TryParse(host, out var literal))
        {
            addresses = Matches(literal, family) ? [literal] : [];
            return Errno.Success;
        }

        if (NetworkPolicy.FindHostRule(host, out var explicitHost) is not { } rule)
        {
            LogNetworkDenied(Logger, "dns", host);
            return Errno.EACCES;
        }

        using var cancel = new CancellationTokenSource();
        var lookup = LookUpAddresses(host, family, cancel.Token);
        var errno = HostBridge.WaitFor(lookup, cancel, new(process.Interrupted), Limits.MaxBlockingReadMs);
        if (errno != Errno.Success)
        {
            return errno;
        }

        if (!lookup.IsCompletedSuccessfully)
        {
            return Errno.Success; // unknown name or resolver failure: no answers
        }

        var answers = lookup.Result.Select(RestrictedAddresses.Normalize).Where(a => Matches(a, family)).Distinct().ToList();
        if (!explicitHost && answers.Select(RestrictedAddresses.Find).FirstOrDefault(r => r is not null) is { } restricted)
        {
            LogDnsRestricted(Logger, host, restricted, rule);
            return Errno.EACCES;
        }

        addresses = [.. answers.OrderBy(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 0 : 1).Take(maxAnswers)];
        return Errno.Success;
    }

    // UDP to an allowed destination outside the VM.
    private Errno SendExternalDatagram(Process process, DatagramSocket socket, ReadOnlySpan<byte> data, SocketEndpoint destination, out int sent)
    {
        sent = 0;
        var errno = ResolveExternal(process, destination, "udp", out var address);
        return errno != Errno.Success ? errno : socket.SendExternal(data, address, destination.Port, Logger, out sent);
    }

    // The address to use for a destination outside the VM that an allow-rule matched (spec §2.8.7): a name resolves
    // through ResolveHost (any answer in a restricted range → EACCES unless the rule names the host; IPv4
    // preferred); an IP literal in a restricted range needs a rule naming that address.
    private Errno ResolveExternal(Process process, SocketEndpoint destination, string scheme, out IPAddress address)
    {
        address = IPAddress.None;
        if (destination.HostName is { } host)
        {
            var errno = ResolveHost(process, host, 0, 64, out var addresses);
            if (errno != Errno.Success)
            {
                return errno;
            }

            if (addresses.Count == 0)
            {
                return Errno.EHOSTUNREACH;
            }

            address = addresses.FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork) ?? addresses[0];
            return Errno.Success;
        }

        address = RestrictedAddresses.Normalize(destination.Address!);
        if (RestrictedAddresses.Find(address) is { } range
            && !(NetworkPolicy.FindHostRule(address.ToString(), out var explicitHost) is not null && explicitHost))
        {
            LogRestricted(Logger, scheme, destination.ToString(), address.ToString(), range);
            return Errno.EACCES;
        }

        return Errno.Success;
    }

    private static bool Matches(IPAddress address, int family) => family switch
    {
        4 => address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork,
        6 => address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6,
        _ => true,
    };

    private static bool IsLocalhost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);

    private static SocketEndpoint AbsoluteUnix(Process process, SocketEndpoint endpoint) =>
        endpoint.UnixName is { Length: > 0 } name && name[0] != '/' && name[0] != '\0'
            ? SocketEndpoint.Unix(VfsJoin(process.WorkingDirectory, name))
            : endpoint;

    private static string VfsJoin(string directory, string name) => directory.EndsWith('/') ? directory + name : directory + "/" + name;

    private static Errno GetSocket(Process process, int fd, out Net.Socket socket)
    {
        socket = null!;
        var errno = process.Fds.Get(fd, out var file);
        if (errno != Errno.Success)
        {
            return errno;
        }

        if (file is not Net.Socket s)
        {
            return Errno.ENOTSOCK;
        }

        socket = s;
        return Errno.Success;
    }

    // Maps localhost to the loopback address of the socket's family. A destination outside the loopback that an
    // allow-rule matches comes back with the rule (the caller bridges it); every other destination is EACCES.
    private Errno ResolveLoopback(Net.Socket socket, SocketEndpoint endpoint, string scheme, out SocketEndpoint resolved, out string? rule)
    {
        resolved = endpoint;
        rule = null;
        if (endpoint.HostName is { } host && IsLocalhost(host))
        {
            resolved = SocketEndpoint.Ip(socket.Domain == SocketDomain.Inet6 ? IPAddress.IPv6Loopback : IPAddress.Loopback, endpoint.Port);
            return Errno.Success;
        }

        if (resolved.IsLoopback)
        {
            return Errno.Success;
        }

        var destinationHost = endpoint.HostName ?? endpoint.Address?.ToString() ?? string.Empty;
        if (NetworkPolicy.FindRule(destinationHost, endpoint.Port) is { } allowed)
        {
            rule = allowed;
            return Errno.Success;
        }

        LogNetworkDenied(Logger, scheme, endpoint.ToString());
        return Errno.EACCES;
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information,
        Message = "EACCES: blocked outbound network access to {Scheme}://{Destination}: the network permission denies external destinations by default and no allow-net rule matches")]
    private static partial void LogNetworkDenied(ILogger logger, string scheme, string destination);

    [LoggerMessage(EventId = 106, Level = LogLevel.Information,
        Message = "EACCES: blocked outbound network access to {Scheme}://{Destination}: {Address} is within restricted {Range}")]
    private static partial void LogRestricted(ILogger logger, string scheme, string destination, string address, string range);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information,
        Message = "EACCES: blocked DNS lookup dns://{Host}: an answer is within restricted {Range}, and allow-net rule \"{Rule}\" does not name the host explicitly")]
    private static partial void LogDnsRestricted(ILogger logger, string host, string range, string rule);
}
