using System.Buffers.Binary;
using System.Text;
using AgentOs.Kernel;
using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Net;
using AgentOs.Wasm.Runtime;
using Wasmtime;
using static AgentOs.Wasm.Abi.WasiFdImports;
using static AgentOs.Wasm.Abi.WasiTypes;

namespace AgentOs.Wasm.Abi;

/// <summary>
/// The <c>host_net</c> module (spec §2.8): a codec from guest memory to one kernel socket call. wasi-libc routes
/// every read()/write() through net_recv/net_send first and falls back to fd_read/fd_write on EBADF (§2.3), so
/// those two answer EBADF without touching guest memory for any descriptor that is not a socket. Every other
/// output range is validated before the kernel call (EFAULT); addresses travel as text (§2.8.3).
/// </summary>
internal static class HostNetImports
{
    private const string Module = "host_net";

    // Guest constants (wasi-libc numbering, spec §2.8.2).
    private const int AfInet = 1;
    private const int AfInet6 = 2;
    private const int AfUnix = 3;
    private const int SockDgram = 5;
    private const int SockStream = 6;
    private const int SockCloexec = 0x2000;
    private const int SockNonblock = 0x4000;
    private const int CmsgCloexec = 0x40000000;
    private const int SolSocketC = 0x7FFFFFFF;
    private const int SolSocketRust = 1;
    private const int MaxPollFds = 1024;
    private const string PollOperation = "blocking poll";
    private const int MaxAddressText = 1024;
    private const int MaxHostName = 253;
    private const int MaxAnswers = 64;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // Guest poll bits (§2.8.5).
    private const int GuestPollIn = 0x1;
    private const int GuestPollOut = 0x2;
    private const int GuestPollOutAlt = 0x4;
    private const int GuestPollErr = 0x1000;
    private const int GuestPollHup = 0x2000;
    private const int GuestPollNval = 0x4000;

    public static void Define(Linker linker)
    {
        linker.DefineFunction(Module, "net_socket", HostCallbackGuard.Guard(Module + ".net_socket", (Caller c, int domain, int type, int protocol, int fdOut) => CreateSocket(c, domain, type, fdOut)));
        linker.DefineFunction(Module, "net_bind", HostCallbackGuard.Guard(Module + ".net_bind", (Caller c, int fd, int addr, int len) => WithAddress(c, addr, len, (ctx, e) => ctx.Kernel.SocketBind(ctx.Process, fd, e))));
        linker.DefineFunction(Module, "net_connect", HostCallbackGuard.Guard(Module + ".net_connect", (Caller c, int fd, int addr, int len) => WithAddress(c, addr, len, (ctx, e) => ctx.Kernel.SocketConnect(ctx.Process, fd, e))));
        linker.DefineFunction(Module, "net_listen", HostCallbackGuard.Guard(Module + ".net_listen", (Caller c, int fd, int backlog) => E(Context(c).Kernel.SocketListen(Context(c).Process, fd, Math.Max(backlog, 0)))));
        linker.DefineFunction(Module, "net_accept", HostCallbackGuard.Guard(Module + ".net_accept", (Caller c, int fd, int fdOut, int addr, int lenInOut) => Accept(c, fd, fdOut, addr, lenInOut)));
        linker.DefineFunction(Module, "net_send", HostCallbackGuard.Guard(Module + ".net_send", (Caller c, int fd, int buffer, int length, int flags, int sentOut) => Send(c, fd, buffer, length, flags, 0, 0, sentOut, withAddress: false)));
        linker.DefineFunction(Module, "net_sendto", HostCallbackGuard.Guard(Module + ".net_sendto", (Caller c, int fd, int buffer, int length, int flags, int addr, int addrLen, int sentOut) => Send(c, fd, buffer, length, flags, addr, addrLen, sentOut, withAddress: true)));
        linker.DefineFunction(Module, "net_recv", HostCallbackGuard.Guard(Module + ".net_recv", (Caller c, int fd, int buffer, int length, int flags, int receivedOut) => Receive(c, fd, buffer, length, flags, receivedOut, 0, 0, withAddress: false)));
        linker.DefineFunction(Module, "net_recvfrom", HostCallbackGuard.Guard(Module + ".net_recvfrom", (Caller c, int fd, int buffer, int length, int flags, int receivedOut, int addr, int lenInOut) => Receive(c, fd, buffer, length, flags, receivedOut, addr, lenInOut, withAddress: true)));
        linker.DefineFunction(Module, "net_getsockname", HostCallbackGuard.Guard(Module + ".net_getsockname", (Caller c, int fd, int buffer, int lenInOut) => Name(c, fd, buffer, lenInOut, peer: false)));
        linker.DefineFunction(Module, "net_getpeername", HostCallbackGuard.Guard(Module + ".net_getpeername", (Caller c, int fd, int buffer, int lenInOut) => Name(c, fd, buffer, lenInOut, peer: true)));
        linker.DefineFunction(Module, "net_setsockopt", HostCallbackGuard.Guard(Module + ".net_setsockopt", (Caller c, int fd, int level, int name, int value, int valueLen) => SetOption(c, fd, level, name, value, valueLen)));
        linker.DefineFunction(Module, "net_getsockopt", HostCallbackGuard.Guard(Module + ".net_getsockopt", (Caller c, int fd, int level, int name, int value, int lenInOut) => GetOption(c, fd, level, name, value, lenInOut)));
        linker.DefineFunction(Module, "net_poll", HostCallbackGuard.Guard(Module + ".net_poll", (Caller c, int fds, int nfds, int timeoutMs, int readyOut) => Poll(c, fds, nfds, timeoutMs, readyOut)));
        linker.DefineFunction(Module, "net_close", HostCallbackGuard.Guard(Module + ".net_close", (Caller c, int fd) => E(Context(c).Kernel.Close(Context(c).Process, fd))));
        linker.DefineFunction(Module, "net_set_nonblock", HostCallbackGuard.Guard(Module + ".net_set_nonblock", (Caller c, int fd, int enable) => SetNonBlock(c, fd, enable != 0)));
        linker.DefineFunction(Module, "net_validate_socket", HostCallbackGuard.Guard(Module + ".net_validate_socket", (Caller c, int fd) => E(Context(c).Kernel.SocketValidate(Context(c).Process, fd, mustListen: false))));
        linker.DefineFunction(Module, "net_validate_accept", HostCallbackGuard.Guard(Module + ".net_validate_accept", (Caller c, int fd) => E(Context(c).Kernel.SocketValidate(Context(c).Process, fd, mustListen: true))));
        linker.DefineFunction(Module, "net_tls_connect", HostCallbackGuard.Guard(Module + ".net_tls_connect", (Caller c, int fd, int host, int hostLen) => TlsConnect(c, fd, host, hostLen)));
        linker.DefineFunction(Module, "net_getaddrinfo", HostCallbackGuard.Guard(Module + ".net_getaddrinfo", (Caller c, int host, int hostLen, int serv, int servLen, int family, int output, int lenInOut) => GetAddrInfo(c, host, hostLen, family, output, lenInOut)));
        linker.DefineFunction(Module, "net_dns_query_rr_v1", HostCallbackGuard.Guard(Module + ".net_dns_query_rr_v1", (Caller c, int name, int nameLen, int rrType, int output, int capacity, int lenOut, int ttlOut, int flagsOut) =>
            QueryRecords(c, name, nameLen, rrType, output, capacity, lenOut, ttlOut, flagsOut)));
    }

    /// <summary>host_process.fd_socketpair(kind, nonblock, cloexec, ret_fd0, ret_fd1): kind 1 stream, 2 datagram, 3 seqpacket.</summary>
    internal static int SocketPair(Caller caller, int kind, int nonBlock, int closeOnExec, int fd0Out, int fd1Out)
    {
        var ctx = Context(caller);
        var memory = ctx.GetMemory();
        if (!memory.IsValid(fd0Out, 4) || !memory.IsValid(fd1Out, 4))
        {
            return Fault;
        }

        if (kind is < 1 or > 3)
        {
            return Inval;
        }

        var errno = ctx.Kernel.SocketPair(ctx.Process, kind switch { 1 => SocketKind.Stream, 2 => SocketKind.Datagram, _ => SocketKind.SeqPacket }, nonBlock != 0, closeOnExec != 0, out var fd0, out var fd1);
        if (errno != Errno.Success)
        {
            return E(errno);
        }

        memory.TryWriteU32(fd0Out, (uint)fd0);
        memory.TryWriteU32(fd1Out, (uint)fd1);
        return 0;
    }

    /// <summary>
    /// host_process.fd_sendmsg_rights(fd, data, len, rights, rights_len, flags, ret_sent) (spec §2.8.10): rights are
    /// u32 fds whose descriptions travel with the message; flags DONTWAIT/NOSIGNAL. 57 ENOTSOCK for anything but a
    /// kernel Unix socket (libc then falls back to send), 28 above 253 rights.
    /// </summary>
    internal static int SendRights(Caller caller, int fd, int data, int length, int rights, int rightsLength, int flags, int sentOut)
    {
        var ctx = Context(caller);
        var memory = ctx.GetMemory();
        if (rightsLength is < 0 or > SocketRights.MaxPerMessage)
        {
            return Inval;
        }

        if (!memory.TrySlice(data, length, out var bytes) || !memory.TrySlice(rights, rightsLength * 4, out var rightBytes) || !memory.IsValid(sentOut, 4))
        {
            return Fault;
        }

        var fds = new int[rightsLength];
        for (var i = 0; i < fds.Length; i++)
        {
            fds[i] = BinaryPrimitives.ReadInt32LittleEndian(rightBytes[(i * 4)..]);
        }

        var errno = ctx.Kernel.SocketSendRights(ctx.Process, fd, bytes, fds, (MessageFlags)flags & (MessageFlags.DontWait | MessageFlags.NoSignal), out var sent);
        ctx.ThrowIfTerminated();
        if (errno != Errno.Success)
        {
            return E(errno);
        }

        ctx.GetMemory().TryWriteU32(sentOut, (uint)sent);
        return 0;
    }

    /// <summary>
    /// host_process.fd_recvmsg_rights(fd, data, cap, rights, rights_cap, flags, ret_recvd, ret_rights_len,
    /// ret_msg_flags) (spec §2.8.10): flags PEEK/TRUNC/DONTWAIT/WAITALL/CMSG_CLOEXEC; ret_recvd is the bytes copied;
    /// msg_flags bit 0 data truncated, bit 1 rights truncated, bits 2–31 the full length. A rights capacity above
    /// 253 is treated as 253.
    /// </summary>
    internal static void ReceiveRights(Caller caller, ReadOnlySpan<ValueBox> args, Span<ValueBox> results)
    {
        Span<int> a = stackalloc int[9];
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = args[i].AsInt32();
        }

        results[0] = ReceiveRights(caller, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8]);
    }

    private static int ReceiveRights(Caller caller, int fd, int data, int capacity, int rights, int rightsCapacity, int flags, int receivedOut, int rightsLengthOut, int messageFlagsOut)
    {
        var ctx = Context(caller);
        var memory = ctx.GetMemory();
        if (rightsCapacity < 0)
        {
            return Inval;
        }

        var maxRights = Math.Min(rightsCapacity, SocketRights.MaxPerMessage);
        if (!memory.TrySlice(data, capacity, out var target) || !memory.IsValid(rights, (uint)maxRights * 4)
            || !memory.IsValid(receivedOut, 4) || !memory.IsValid(rightsLengthOut, 4) || !memory.IsValid(messageFlagsOut, 4))
        {
            return Fault;
        }

        var kernelFlags = (MessageFlags)flags & (MessageFlags.Peek | MessageFlags.Truncate | MessageFlags.DontWait | MessageFlags.WaitAll);
        var errno = ctx.Kernel.SocketReceiveRights(
            ctx.Process, fd, target, maxRights, kernelFlags, (flags & CmsgCloexec) != 0, out var received, out var fullLength, out var fds, out var truncated);
        ctx.ThrowIfTerminated();
        if (errno != Errno.Success)
        {
            return E(errno);
        }

        memory = ctx.GetMemory();
        for (var i = 0; i < fds.Length; i++)
        {
            memory.TryWriteU32(rights + (i * 4), (uint)fds[i]);
        }

        var messageFlags = (fullLength > received ? 1u : 0u) | (truncated ? 2u : 0u) | ((uint)fullLength << 2);
        memory.TryWriteU32(receivedOut, (uint)received);
        memory.TryWriteU32(rightsLengthOut, (uint)fds.Length);
        memory.TryWriteU32(messageFlagsOut, messageFlags);
        return 0;
    }

    private static int CreateSocket(Caller caller, int domain, int type, int fdOut)
    {
        var ctx = Context(caller);
        if (!ctx.GetMemory().IsValid(fdOut, 4))
        {
            return Fault;
        }

        SocketDomain socketDomain;
        switch (domain)
        {
            case AfInet:
                socketDomain = SocketDomain.Inet;
                break;
            case AfInet6:
                socketDomain = SocketDomain.Inet6;
                break;
            case AfUnix:
                socketDomain = SocketDomain.Unix;
                break;
            default:
                return E(Errno.EAFNOSUPPORT);
        }

        SocketKind kind;
        switch (type & 0xF)
        {
            case SockStream:
                kind = SocketKind.Stream;
                break;
            case SockDgram:
                kind = SocketKind.Datagram;
                break;
            default:
                return E(Errno.EOPNOTSUPP);
        }

        var errno = ctx.Kernel.SocketCreate(ctx.Process, socketDomain, kind, (type & SockNonblock) != 0, (type & SockCloexec) != 0, out var fd);
        if (errno != Errno.Success)
        {
            return E(errno);
        }

        ctx.GetMemory().TryWriteU32(fdOut, (uint)fd);
        return 0;
    }

    private static int WithAddress(Caller caller, int addr, int len, Func<GuestContext, SocketEndpoint, Errno> operation)
    {
        var ctx = Context(caller);
        var errno = ReadAddress(ctx, addr, len, out var endpoint);
        return errno != Errno.Success ? E(errno) : E(operation(ctx, endpoint));
    }

    private static Errno ReadAddress(GuestContext ctx, int addr, int len, out SocketEndpoint endpoint)
    {
        endpoint = null!;
        if (len is < 0 or > MaxAddressText)
        {
            return Errno.EINVAL;
        }

        return !ctx.GetMemory().TryReadString(addr, len, out var text) ? Errno.EFAULT : SocketEndpoint.TryParse(text, out endpoint);
    }

    private static int Accept(Caller caller, int fd, int fdOut, int addr, int lenInOut)
    {
        var ctx = Context(caller);
        var memory = ctx.GetMemory();
        if (!memory.IsValid(fdOut, 4) || !memory.TryReadU32(lenInOut, out var capacity) || !memory.IsValid(addr, capacity))
        {
            return Fault;
        }

        var errno = ctx.Kernel.SocketAccept(ctx.Process, fd, out var newFd, out var peer);
        ctx.ThrowIfTerminated();
        if (errno != Errno.Success)
        {
            return E(errno);
        }

        memory = ctx.GetMemory();
        memory.TryWriteU32(fdOut, (uint)newFd);
        WriteAddress(memory, addr, lenInOut, capacity, peer);
        return 0;
    }

    private static int Send(Caller caller, int fd, int buffer, int length, int flags, int addr, int addrLen, int sentOut, bool withAddress)
    {
        var ctx = Context(caller);
        if (!IsSocket(ctx, fd))
        {
            return BadF;
        }

        var memory = ctx.GetMemory();
        if (!memory.TrySlice(buffer, length, out var data) || !memory.IsValid(sentOut, 4))
        {
            return Fault;
        }

        SocketEndpoint? destination = null;
        if (withAddress)
        {
            var parsed = ReadAddress(ctx, addr, addrLen, out destination);
            if (parsed != Errno.Success)
            {
                return E(parsed);
            }
        }

        var errno = ctx.Kernel.SocketSend(ctx.Process, fd, data, (MessageFlags)flags, destination, out var sent);
        ctx.ThrowIfTerminated();
        if (errno != Errno.Success)
        {
            return E(errno);
        }

        ctx.GetMemory().TryWriteU32(sentOut, (uint)sent);
        return 0;
    }

    private static int Receive(Caller caller, int fd, int buffer, int length, int flags, int receivedOut, int addr, int lenInOut, bool withAddress)
    {
        var ctx = Context(caller);
        if (!IsSocket(ctx, fd))
        {
            return BadF;
        }

        var memory = ctx.GetMemory();
        uint capacity = 0;
        if (!memory.TrySlice(buffer, length, out var target) || !memory.IsValid(receivedOut, 4)
            || (withAddress && (!memory.TryReadU32(lenInOut, out capacity) || !memory.IsValid(addr, capacity))))
        {
            return Fault;
        }

        var errno = ctx.Kernel.SocketReceive(ctx.Process, fd, target, (MessageFlags)flags, out var received, out var source);
        ctx.ThrowIfTerminated();
        if (errno != Errno.Success)
        {
            return E(errno);
        }

        memory = ctx.GetMemory();
        memory.TryWriteU32(receivedOut, (uint)received);
        if (withAddress)
        {
            WriteAddress(memory, addr, lenInOut, capacity, source);
        }

        return 0;
    }

    private static int Name(Caller caller, int fd, int buffer, int lenInOut, bool peer)
    {
        var ctx = Context(caller);
        var memory = ctx.GetMemory();
        if (!memory.TryReadU32(lenInOut, out var capacity) || !memory.IsValid(buffer, capacity))
        {
            return Fault;
        }

        var errno = ctx.Kernel.SocketName(ctx.Process, fd, peer, out var endpoint);
        if (errno != Errno.Success)
        {
            return E(errno);
        }

        WriteAddress(memory, buffer, lenInOut, capacity, endpoint);
        return 0;
    }

    private static int SetOption(Caller caller, int fd, int level, int name, int value, int valueLen)
    {
        var ctx = Context(caller);
        if (!ctx.GetMemory().TrySlice(value, valueLen, out var bytes))
        {
            return Fault;
        }

        var solSocket = level is SolSocketC or SolSocketRust;
        SocketOption option;
        long first = 0;
        var second = 0;
        switch (name)
        {
            case 2 when solSocket && bytes.Length >= 4:
                option = SocketOption.ReuseAddress;
                first = BinaryPrimitives.ReadInt32LittleEndian(bytes);
                break;
            case 13 when solSocket && bytes.Length >= 8:
                option = SocketOption.Linger;
                first = BinaryPrimitives.ReadInt32LittleEndian(bytes);
                second = BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]);
                break;
            case 9 when solSocket:
                option = SocketOption.KeepAlive;
                first = bytes.Length >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(bytes) : 0;
                break;
            case 20 or 66 or 21 or 67 when solSocket:
                if (!TryTimeval(bytes, out first))
                {
                    return Inval;
                }

                option = name is 20 or 66 ? SocketOption.ReceiveTimeoutMs : SocketOption.SendTimeoutMs;
                break;
            case 1 when level == 6:
                option = SocketOption.NoDelay;
                first = bytes.Length >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(bytes) : 0;
                break;
            case 1 when level == 0:
            case 67 when level == 41:
                // IP_TOS / IPV6_TCLASS: accepted and ignored once the descriptor is known to be a socket.
                return E(ctx.Kernel.SocketValidate(ctx.Process, fd, mustListen: false));
            default:
                return Inval;
        }

        return E(ctx.Kernel.SocketSetOption(ctx.Process, fd, option, first, second));
    }

    // 16-byte timeval (i64 sec ≥ 0, i64 usec < 10⁶) → ms, rounding usec up.
    private static bool TryTimeval(ReadOnlySpan<byte> bytes, out long ms)
    {
        ms = 0;
        if (bytes.Length < 16)
        {
            return false;
        }

        var seconds = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        var micros = BinaryPrimitives.ReadInt64LittleEndian(bytes[8..]);
        if (seconds < 0 || micros is < 0 or >= 1_000_000 || seconds > int.MaxValue / 1000)
        {
            return false;
        }

        ms = (seconds * 1000) + ((micros + 999) / 1000);
        return true;
    }

    private static int GetOption(Caller caller, int fd, int level, int name, int value, int lenInOut)
    {
        var ctx = Context(caller);
        var memory = ctx.GetMemory();
        if (!memory.TryReadU32(lenInOut, out var capacity) || !memory.IsValid(value, capacity))
        {
            return Fault;
        }

        if (level is not (SolSocketC or SolSocketRust) || name != 4 || capacity < 4)
        {
            return Inval;
        }

        var errno = ctx.Kernel.SocketTakeError(ctx.Process, fd, out var pending);
        if (errno != Errno.Success)
        {
            return E(errno);
        }

        memory.TryWriteU32(value, (uint)(pending == Errno.Success ? 0 : E(pending)));
        memory.TryWriteU32(lenInOut, 4);
        return 0;
    }

    private static int SetNonBlock(Caller caller, int fd, bool enable)
    {
        var ctx = Context(caller);
        var errno = ctx.Kernel.GetFile(ctx.Process, fd, out var file);
        if (errno != Errno.Success)
        {
            return E(errno);
        }

        var flags = file.StatusFlags & OpenFlags.SettableStatusMask;
        return E(file.SetStatusFlags(enable ? flags | OpenFlags.NonBlock : flags & ~OpenFlags.NonBlock));
    }

    /// <summary>
    /// net_poll over any descriptors (sockets, pipes, files) through the kernel poll. A wait longer than
    /// <c>maxBlockingReadMs</c> (or infinite) ends after that bound with ETIMEDOUT and 0 ready (§2.8.6).
    /// </summary>
    private static int Poll(Caller caller, int fds, int nfds, int timeoutMs, int readyOut)
    {
        var ctx = Context(caller);
        if (nfds is < 0 or > MaxPollFds)
        {
            return Inval;
        }

        var memory = ctx.GetMemory();
        if (!memory.TrySlice(fds, nfds * 8, out var table) || !memory.IsValid(readyOut, 4))
        {
            return Fault;
        }

        var entries = new PollFd[nfds];
        for (var i = 0; i < nfds; i++)
        {
            var entry = table.Slice(i * 8, 8);
            var guest = BinaryPrimitives.ReadUInt16LittleEndian(entry[4..]);
            var events = ((guest & GuestPollIn) != 0 ? PollEvents.In : 0) |
                         ((guest & (GuestPollOut | GuestPollOutAlt)) != 0 ? PollEvents.Out : 0);
            entries[i] = new PollFd(BinaryPrimitives.ReadInt32LittleEndian(entry), events);
        }

        var limit = ctx.Kernel.Limits.MaxBlockingReadMs;
        var bounded = timeoutMs < 0 || timeoutMs > limit;
        var errno = ctx.Kernel.Poll(ctx.Process, entries, bounded ? AgentOs.Kernel.Kernel.NearingMs(limit) : timeoutMs, out var ready);
        // An empty poll is the timeout the phases are about.
        if (ctx.Kernel.ContinueBlocking(ctx.Process, errno == Errno.Success && ready == 0 ? Errno.ETIMEDOUT : errno, bounded, PollOperation, out var rest))
        {
            errno = ctx.Kernel.Poll(ctx.Process, entries, rest.TimeoutMs, out ready);
            ctx.Kernel.EndBlocking(ctx.Process, errno == Errno.Success && ready == 0 ? Errno.ETIMEDOUT : errno, PollOperation);
        }

        ctx.ThrowIfTerminated();
        if (errno != Errno.Success)
        {
            return E(errno);
        }

        memory = ctx.GetMemory();
        memory.TrySlice(fds, nfds * 8, out table);
        for (var i = 0; i < nfds; i++)
        {
            var returned = entries[i].Returned;
            var guest = ((returned & PollEvents.In) != 0 ? GuestPollIn : 0) |
                        ((returned & PollEvents.Out) != 0 ? GuestPollOut : 0) |
                        ((returned & PollEvents.Err) != 0 ? GuestPollErr : 0) |
                        ((returned & PollEvents.Hup) != 0 ? GuestPollHup : 0) |
                        ((returned & PollEvents.Nval) != 0 ? GuestPollNval : 0);
            BinaryPrimitives.WriteUInt16LittleEndian(table.Slice((i * 8) + 6, 2), (ushort)guest);
        }

        memory.TryWriteU32(readyOut, (uint)ready);
        return bounded && ready == 0 ? E(Errno.ETIMEDOUT) : 0;
    }

    /// <summary>net_tls_connect (§2.8.4): the host name must be 1..253 bytes of valid UTF-8 (EINVAL), in bounds (EFAULT).</summary>
    private static int TlsConnect(Caller caller, int fd, int host, int hostLen)
    {
        var ctx = Context(caller);
        if (hostLen is <= 0 or > MaxHostName)
        {
            return Inval;
        }

        if (!ctx.GetMemory().TrySlice(host, hostLen, out var bytes))
        {
            return Fault;
        }

        string name;
        try
        {
            name = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Inval;
        }

        var errno = ctx.Kernel.SocketTlsConnect(ctx.Process, fd, name);
        ctx.ThrowIfTerminated();
        return E(errno);
    }

    /// <summary>DNS (§2.8.8) through <see cref="AgentOs.Kernel.Kernel.ResolveHost"/>: <c>localhost</c>, or names the network policy
    /// allows. Output: UTF-8 JSON <c>[{"addr":"127.0.0.1","family":4},…]</c>, truncated to the capacity.</summary>
    private static int GetAddrInfo(Caller caller, int host, int hostLen, int family, int output, int lenInOut)
    {
        var ctx = Context(caller);
        var memory = ctx.GetMemory();
        if (hostLen is < 0 or > MaxHostName || family is not (0 or 4 or 6))
        {
            return Inval;
        }

        if (!memory.TryReadString(host, hostLen, out var name) || !memory.TryReadU32(lenInOut, out var capacity) || !memory.IsValid(output, capacity))
        {
            return Fault;
        }

        var errno = ctx.Kernel.ResolveHost(ctx.Process, name, family, MaxAnswers, out var addresses);
        ctx.ThrowIfTerminated();
        if (errno != Errno.Success)
        {
            return E(errno);
        }

        var answers = addresses.Select(a =>
            $"{{\"addr\":\"{a}\",\"family\":{(a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 4 : 6)}}}");
        var json = Encoding.UTF8.GetBytes("[" + string.Join(',', answers) + "]");
        var n = (int)Math.Min(capacity, (uint)json.Length);
        memory = ctx.GetMemory();
        memory.TryWrite(output, json.AsSpan(0, n));
        memory.TryWriteU32(lenInOut, (uint)n);
        return 0;
    }

    // net_dns_query_rr_v1 (§2.8.8): every pointer is checked before the query; *len_out always gets the full
    // payload length, and on ENOBUFS nothing else is written.
    private static int QueryRecords(Caller caller, int name, int nameLen, int rrType, int output, int capacity, int lenOut, int ttlOut, int flagsOut)
    {
        var ctx = Context(caller);
        var memory = ctx.GetMemory();
        if (nameLen is < 0 or > MaxHostName + 1)
        {
            return Inval; // 253 bytes plus the trailing dot libc passes
        }

        var cap = (uint)capacity;
        if (!memory.TryReadString(name, nameLen, out var text) || !memory.IsValid(output, cap)
            || !memory.IsValid(lenOut, 4) || !memory.IsValid(ttlOut, 4) || !memory.IsValid(flagsOut, 4))
        {
            return Fault;
        }

        var errno = ctx.Kernel.QueryDnsRecords(ctx.Process, text, rrType, out var answer);
        ctx.ThrowIfTerminated();
        if (answer is null)
        {
            return E(errno);
        }

        var length = answer.PayloadLength;
        memory = ctx.GetMemory();
        memory.TryWriteU32(lenOut, (uint)Math.Min(length, uint.MaxValue));
        if (errno != Errno.Success || length > cap)
        {
            return E(Errno.ENOBUFS);
        }

        memory.TryWrite(output, answer.ToPayload());
        memory.TryWriteU32(ttlOut, answer.TimeToLive);
        memory.TryWriteU32(flagsOut, (uint)answer.Flags);
        return 0;
    }

    private static void WriteAddress(GuestMemory memory, int addr, int lenInOut, uint capacity, SocketEndpoint? endpoint)
    {
        var text = Encoding.UTF8.GetBytes(endpoint?.ToString() ?? string.Empty);
        var n = (int)Math.Min(capacity, (uint)text.Length);
        memory.TryWrite(addr, text.AsSpan(0, n));
        memory.TryWriteU32(lenInOut, (uint)n);
    }

    // Only socket descriptors reach the socket path: everything else is EBADF with guest memory untouched (§2.3).
    private static bool IsSocket(GuestContext ctx, int fd) =>
        ctx.Kernel.GetFile(ctx.Process, fd, out var file) == Errno.Success && file.FileType is FileType.SocketStream or FileType.SocketDatagram;
}
