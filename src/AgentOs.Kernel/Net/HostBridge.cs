using System.Net;
using System.Net.Sockets;
using AgentOs.Kernel.Threading;
using Microsoft.Extensions.Logging;

namespace AgentOs.Kernel.Net;

/// <summary>
/// The host-network bridge for guest TCP connects that an allow-rule of the <c>network</c> permission matches: a
/// real .NET socket connects (DNS through the host for names), and a <see cref="BridgedConnection"/> pumps bytes
/// between it and a descriptor-less kernel socket connected to the guest's, so the guest sees an ordinary stream
/// socket (which net_tls_connect can upgrade to TLS). Both kernel sockets and the connection count against the
/// caps; EOF and close propagate in both directions.
/// </summary>
internal static partial class HostBridge
{
    /// <summary>
    /// Connects <paramref name="guest"/> to <paramref name="destination"/> (as the guest named it, for the log) at
    /// <paramref name="address"/> outside the VM. The guest thread waits
    /// (through <see cref="KernelWait"/>, EINTR on a signal) at most <paramref name="timeoutMs"/> for the real
    /// handshake (ETIMEDOUT). EAGAIN at the caps, ECONNREFUSED/ENETUNREACH/EHOSTUNREACH from the host network.
    /// </summary>
    public static Errno Connect(StreamSocket guest, SocketEndpoint destination, IPAddress address, string rule, in WaitContext wait, int timeoutMs, ILogger logger)
    {
        var table = guest.Table;
        if (!table.Sockets.TryReserve())
        {
            return Errno.EAGAIN;
        }

        if (!table.Connections.TryReserve())
        {
            table.Sockets.Release();
            return Errno.EAGAIN;
        }

        var real = new System.Net.Sockets.Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = guest.NoDelay };
        var remote = new IPEndPoint(address, destination.Port);
        var errno = RealConnect(real, remote, wait, timeoutMs);
        StreamSocket? end = null;
        if (errno == Errno.Success)
        {
            errno = guest.ConnectExternal(SocketEndpoint.Ip(address, destination.Port), out end);
        }

        if (errno != Errno.Success)
        {
            real.Dispose();
            table.Connections.Release();
            table.Sockets.Release();
            LogBridgeFailed(logger, destination.ToString(), rule, errno);
            return errno;
        }

        LogBridged(logger, destination.ToString(), rule, real.RemoteEndPoint?.ToString() ?? "?");
        var bridge = new BridgedConnection(guest, HostSocket.Wrap(end!), real, destination.ToString(), logger);
        guest.Bridge = bridge;
        bridge.Start();
        return Errno.Success;
    }

    private static Errno RealConnect(System.Net.Sockets.Socket real, IPEndPoint remote, in WaitContext wait, int timeoutMs)
    {
        using var cancel = new CancellationTokenSource();
        var task = real.ConnectAsync(remote, cancel.Token).AsTask();
        var waited = WaitFor(task, cancel, wait, timeoutMs);
        if (waited != Errno.Success)
        {
            return waited;
        }

        if (task.Exception?.InnerException is SocketException e)
        {
            return e.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => Errno.ECONNREFUSED,
                SocketError.NetworkUnreachable or SocketError.NetworkDown => Errno.ENETUNREACH,
                SocketError.TimedOut => Errno.ETIMEDOUT,
                _ => Errno.EHOSTUNREACH,
            };
        }

        return task.IsCompletedSuccessfully ? Errno.Success : Errno.EHOSTUNREACH;
    }

    /// <summary>
    /// Blocks the guest thread (through <see cref="KernelWait"/>) until <paramref name="task"/> completes, at most
    /// <paramref name="timeoutMs"/> (ETIMEDOUT) or until a signal (EINTR); on either, <paramref name="cancel"/> is cancelled.
    /// </summary>
    public static Errno WaitFor(Task task, CancellationTokenSource cancel, in WaitContext wait, int timeoutMs)
    {
        var gate = new object();
        task.ContinueWith(_ =>
        {
            lock (gate)
            {
                KernelWait.WakeAll(gate);
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        var bounded = new WaitContext(wait.Cancellation, wait.TimeoutMs == Timeout.Infinite ? timeoutMs : Math.Min(timeoutMs, wait.TimeoutMs));
        var deadline = bounded.DeadlineFromNow();
        lock (gate)
        {
            while (!task.IsCompleted)
            {
                var waited = KernelWait.Wait(gate, bounded, deadline);
                if (waited != Errno.Success && !task.IsCompleted)
                {
                    cancel.Cancel();
                    return waited;
                }
            }
        }

        return Errno.Success;
    }

    [LoggerMessage(EventId = 102, Level = LogLevel.Information,
        Message = "network: bridged tcp://{Destination} to the host network ({Remote}) by allow-net rule \"{Rule}\"")]
    private static partial void LogBridged(ILogger logger, string destination, string rule, string remote);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information,
        Message = "network: tcp://{Destination} (allow-net rule \"{Rule}\") failed: {Errno}")]
    private static partial void LogBridgeFailed(ILogger logger, string destination, string rule, Errno errno);
}
