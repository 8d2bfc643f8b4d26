using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Threading;

namespace AgentOs.Kernel.Net;

/// <summary>
/// One VM's socket namespace over its virtual loopback network: TCP and UDP ports (one namespace per protocol for
/// every loopback address, ports are per VM) and Unix-domain names, plus the socket gauges every socket charges.
/// The VM-wide buffered-byte budget is shared by all connections, so a sender waiting for budget waits on
/// <c>_budgetGate</c>, which every release of budget pulses.
/// </summary>
/// <remarks>Lock order: the collector's lock → a socket's gate → <c>_lock</c> (a leaf). <c>_budgetGate</c> is taken with
/// no other lock held.</remarks>
internal sealed class SocketTable
{
    /// <summary>First port handed out for bind to port 0 or an implicit bind (Linux's default ephemeral range).</summary>
    public const int FirstEphemeralPort = 49152;

    private const int LastPort = 65535;

    private readonly Lock _lock = new();
    private readonly object _budgetGate = new();

    // Guarded by _lock.
    private readonly Dictionary<int, StreamSocket> _tcpPorts = [];
    private readonly Dictionary<int, DatagramSocket> _udpPorts = [];
    private readonly Dictionary<string, StreamSocket> _unixNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UnixDatagramSocket> _unixDatagramNames = new(StringComparer.Ordinal); // Linux keeps one namespace per type
    private int _nextEphemeral = FirstEphemeralPort;

    private int _budgetWaiters;

    public SocketTable(LimitGauge sockets, LimitGauge connections, LimitGauge bufferedBytes, LimitGauge datagramQueue, int maxBlockingReadMs)
    {
        Sockets = sockets;
        Connections = connections;
        BufferedBytes = bufferedBytes;
        DatagramQueue = datagramQueue;
        MaxBlockingReadMs = maxBlockingReadMs;
    }

    /// <summary><c>vm_sockets</c>: one unit per socket object.</summary>
    public LimitGauge Sockets { get; }

    /// <summary><c>vm_connections</c>: one unit per established stream connection (both ends).</summary>
    public LimitGauge Connections { get; }

    /// <summary><c>vm_socket_buffered_bytes</c>: bytes queued in every socket of the VM.</summary>
    public LimitGauge BufferedBytes { get; }

    /// <summary><c>vm_socket_datagram_queue_len</c>: datagrams queued in every socket of the VM.</summary>
    public LimitGauge DatagramQueue { get; }

    /// <summary>The collector of unreachable in-flight Unix sockets, whose lock orders SCM_RIGHTS bookkeeping.</summary>
    public InFlightCollector Collector { get; } = new();

    /// <summary>The bound on blocking accept/recv waits.</summary>
    public int MaxBlockingReadMs { get; }

    /// <summary>Raised (outside locks) whenever budget may have been returned, for host senders waiting asynchronously.</summary>
    public event Action? BudgetReleased;

    /// <summary>Senders currently waiting for VM-wide buffer budget (for tests and diagnostics).</summary>
    public int BudgetWaiters => Volatile.Read(ref _budgetWaiters);

    /// <summary>Reserves <paramref name="port"/> (0 = an ephemeral one) for a TCP socket; EADDRINUSE when taken.</summary>
    public Errno BindTcp(StreamSocket socket, int port, out int bound) => Bind(_tcpPorts, socket, port, out bound);

    /// <summary>Reserves a UDP port for a datagram socket.</summary>
    public Errno BindUdp(DatagramSocket socket, int port, out int bound) => Bind(_udpPorts, socket, port, out bound);

    /// <summary>Claims a Unix name; EADDRINUSE when taken.</summary>
    public Errno BindUnix(StreamSocket socket, string name)
    {
        lock (_lock)
        {
            return _unixNames.TryAdd(name, socket) ? Errno.Success : Errno.EADDRINUSE;
        }
    }

    /// <summary>Claims an abstract or autobind Unix name for a datagram socket; EADDRINUSE when taken.</summary>
    public Errno BindUnixDatagram(UnixDatagramSocket socket, string name)
    {
        lock (_lock)
        {
            return _unixDatagramNames.TryAdd(name, socket) ? Errno.Success : Errno.EADDRINUSE;
        }
    }

    /// <summary>Frees a TCP port held by <paramref name="socket"/>.</summary>
    public void UnbindTcp(StreamSocket socket, int port) => Unbind(_tcpPorts, socket, port);

    /// <summary>Frees a UDP port held by <paramref name="socket"/>.</summary>
    public void UnbindUdp(DatagramSocket socket, int port) => Unbind(_udpPorts, socket, port);

    /// <summary>Frees a Unix name held by <paramref name="socket"/>.</summary>
    public void UnbindUnix(StreamSocket socket, string name)
    {
        lock (_lock)
        {
            if (_unixNames.TryGetValue(name, out var owner) && owner == socket)
            {
                _unixNames.Remove(name);
            }
        }
    }

    /// <summary>Frees a Unix datagram name held by <paramref name="socket"/>.</summary>
    public void UnbindUnixDatagram(UnixDatagramSocket socket, string name)
    {
        lock (_lock)
        {
            if (_unixDatagramNames.TryGetValue(name, out var owner) && owner == socket)
            {
                _unixDatagramNames.Remove(name);
            }
        }
    }

    /// <summary>The stream socket bound to TCP <paramref name="port"/>, if any.</summary>
    public StreamSocket? FindTcp(int port)
    {
        lock (_lock)
        {
            return _tcpPorts.GetValueOrDefault(port);
        }
    }

    /// <summary>The datagram socket bound to UDP <paramref name="port"/>, if any.</summary>
    public DatagramSocket? FindUdp(int port)
    {
        lock (_lock)
        {
            return _udpPorts.GetValueOrDefault(port);
        }
    }

    /// <summary>The stream socket bound to a Unix name, if any.</summary>
    public StreamSocket? FindUnix(string name)
    {
        lock (_lock)
        {
            return _unixNames.GetValueOrDefault(name);
        }
    }

    /// <summary>The datagram socket bound to an abstract or autobind Unix name, if any.</summary>
    public UnixDatagramSocket? FindUnixDatagram(string name)
    {
        lock (_lock)
        {
            return _unixDatagramNames.GetValueOrDefault(name);
        }
    }

    /// <summary>Returns buffered-byte budget and wakes senders waiting for it.</summary>
    public void ReleaseBytes(long amount)
    {
        if (amount == 0)
        {
            return;
        }

        BufferedBytes.Release(amount);
        PulseBudget();
    }

    /// <summary>Wakes senders waiting for budget (also used when a peer goes away, so they see EPIPE).</summary>
    public void PulseBudget()
    {
        // Interlocked release above and increment in WaitForBudget are full fences: a waiter either sees the
        // budget or is counted here.
        if (Volatile.Read(ref _budgetWaiters) > 0)
        {
            lock (_budgetGate)
            {
                KernelWait.WakeAll(_budgetGate);
            }
        }

        BudgetReleased?.Invoke();
    }

    /// <summary>Waits once until the VM-wide buffer budget may have room. The caller re-checks its own state.</summary>
    public Errno WaitForBudget(in WaitContext wait, long deadline)
    {
        lock (_budgetGate)
        {
            Interlocked.Increment(ref _budgetWaiters);
            try
            {
                return BufferedBytes.Available > 0 ? Errno.Success : KernelWait.Wait(_budgetGate, wait, deadline);
            }
            finally
            {
                Interlocked.Decrement(ref _budgetWaiters);
            }
        }
    }

    private Errno Bind<T>(Dictionary<int, T> ports, T socket, int port, out int bound)
        where T : class
    {
        bound = 0;
        lock (_lock)
        {
            if (port != 0)
            {
                if (!ports.TryAdd(port, socket))
                {
                    return Errno.EADDRINUSE;
                }

                bound = port;
                return Errno.Success;
            }

            for (var tries = 0; tries <= LastPort - FirstEphemeralPort; tries++)
            {
                var candidate = _nextEphemeral;
                _nextEphemeral = candidate == LastPort ? FirstEphemeralPort : candidate + 1;
                if (ports.TryAdd(candidate, socket))
                {
                    bound = candidate;
                    return Errno.Success;
                }
            }

            return Errno.EADDRINUSE;
        }
    }

    private void Unbind<T>(Dictionary<int, T> ports, T socket, int port)
        where T : class
    {
        lock (_lock)
        {
            if (ports.TryGetValue(port, out var owner) && owner == socket)
            {
                ports.Remove(port);
            }
        }
    }
}
