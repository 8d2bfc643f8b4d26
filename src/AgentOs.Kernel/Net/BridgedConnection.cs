using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using AgentOs.Kernel.Threading;
using Microsoft.Extensions.Logging;

namespace AgentOs.Kernel.Net;

/// <summary>
/// One host-network bridge (<see cref="HostBridge"/>): a real socket, the descriptor-less kernel end connected to
/// the guest's socket, and two pumps copying between them through 64 KiB buffers. The remote side is a stream: the
/// socket's <see cref="NetworkStream"/>, or an <see cref="SslStream"/> over it once the guest upgrades with
/// net_tls_connect. For the upgrade the pumps park without losing or reordering bytes: the outbound pump first
/// forwards everything the guest queued, the inbound pump's pending socket read is cancelled (a cancelled receive
/// consumes nothing), so the handshake then owns the socket alone.
/// </summary>
/// <remarks>One lock, <c>_lock</c>, a leaf guarding the pump and upgrade state; nothing is awaited under it.</remarks>
internal sealed partial class BridgedConnection : IDisposable
{
    private const int PumpBufferBytes = 64 * 1024;

    private readonly StreamSocket _guest;
    private readonly HostSocket _end;
    private readonly System.Net.Sockets.Socket _real;
    private readonly string _destination;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();

    // Guarded by _lock.
    private Stream _remote;
    private CancellationTokenSource _epoch; // cancelled to park the pumps; replaced when they resume
    private TaskCompletionSource<bool>? _parked; // an upgrade waiting: true once both pumps parked, false if one ended
    private TaskCompletionSource? _resume;
    private int _parkedCount;
    private bool _outboundEnded;
    private bool _inboundEnded;
    private TlsState _tls;

    public BridgedConnection(StreamSocket guest, HostSocket end, System.Net.Sockets.Socket real, string destination, ILogger logger)
    {
        _guest = guest;
        _end = end;
        _real = real;
        _destination = destination;
        _logger = logger;
        _remote = new NetworkStream(real, ownsSocket: false);
        _epoch = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
    }

    private enum TlsState
    {
        None,
        Handshaking,
        Established,
        Failed,
    }

    /// <summary>Starts the pumps; both ends are closed when they finish.</summary>
    public void Start() => _ = RunAsync();

    /// <summary>
    /// net_tls_connect: makes this connection a TLS client for <paramref name="host"/> (SNI and, when
    /// <paramref name="verify"/>, the certificate's name; default system trust). The guest thread waits through
    /// <see cref="HostBridge.WaitFor"/> (EINTR, ETIMEDOUT at <paramref name="timeoutMs"/>; a handshake cut short
    /// closes the connection). EISCONN once upgraded, EALREADY during another upgrade, ENOTCONN once a direction
    /// has ended. A failed handshake closes the connection and is ECONNABORTED with <paramref name="failure"/> set.
    /// </summary>
    public Errno Upgrade(string host, bool verify, in WaitContext wait, int timeoutMs, out string? failure)
    {
        failure = null;
        var cancel = new CancellationTokenSource();
        var task = UpgradeAsync(host, verify, cancel.Token);
        var waited = HostBridge.WaitFor(task, cancel, wait, timeoutMs);
        if (waited != Errno.Success)
        {
            // The cancelled upgrade still observes the token; the source is left to the collector.
            return waited;
        }

        cancel.Dispose();
        (var errno, failure) = task.Result;
        return errno;
    }

    private async Task<(Errno Errno, string? Failure)> UpgradeAsync(string host, bool verify, CancellationToken cancellationToken)
    {
        Task<bool> parked;
        CancellationTokenSource epoch;
        lock (_lock)
        {
            var refused = _tls switch
            {
                TlsState.Established => Errno.EISCONN,
                TlsState.Handshaking => Errno.EALREADY,
                TlsState.Failed => Errno.ENOTCONN,
                _ when _outboundEnded || _inboundEnded || _stop.IsCancellationRequested => Errno.ENOTCONN,
                _ => Errno.Success,
            };
            if (refused != Errno.Success)
            {
                return (refused, null);
            }

            _tls = TlsState.Handshaking;
            _parked = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            _resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _parkedCount = 0;
            parked = _parked.Task;
            epoch = _epoch;
        }

        await epoch.CancelAsync().ConfigureAwait(false);
        bool ready;
        try
        {
            ready = await parked.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Resume(TlsState.None, null); // nothing was exchanged: the connection stays plain
            return (Errno.EINTR, null);
        }

        if (!ready)
        {
            Resume(TlsState.None, null);
            return (Errno.ENOTCONN, null);
        }

        var rejected = SslPolicyErrors.None;
        var ssl = new SslStream(CurrentRemote(), leaveInnerStreamOpen: false);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = host,
            RemoteCertificateValidationCallback = (_, _, _, errors) =>
            {
                if (!verify || errors == SslPolicyErrors.None)
                {
                    return true;
                }

                rejected = errors;
                return false;
            },
        };
        try
        {
            await ssl.AuthenticateAsClientAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Whatever failed (protocol, peer, a name SslStream refuses), the stream is in an unknown TLS state and the
            // pumps are parked: close the connection now, so nothing leaks and the guest's next call sees it.
            lock (_lock)
            {
                _tls = TlsState.Failed;
            }

            Dispose();
            await ssl.DisposeAsync().ConfigureAwait(false);
            if (e is OperationCanceledException)
            {
                return (Errno.EINTR, null); // the guest already got EINTR or ETIMEDOUT
            }

            var reason = rejected != SslPolicyErrors.None ? $"certificate verification failed ({rejected})" : e.Message;
            LogHandshakeFailed(_logger, host, _destination, reason);
            return (Errno.ECONNABORTED, reason);
        }

        LogUpgraded(_logger, _destination, host, ssl.SslProtocol, verify);
        Resume(TlsState.Established, ssl);
        return (Errno.Success, null);
    }

    /// <summary>Closes the connection at once: the guest reads EOF and its sends fail with EPIPE; the pumps stop and
    /// release the real socket.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _end.Dispose();
    }

    // Releases parked pumps with a fresh epoch, over the new remote stream if any.
    private void Resume(TlsState state, Stream? remote)
    {
        TaskCompletionSource? resume;
        lock (_lock)
        {
            _tls = state;
            _remote = remote ?? _remote;
            _epoch = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            resume = _resume;
            _resume = null;
            _parked = null;
            _parkedCount = 0;
        }

        resume?.TrySetResult();
    }

    private async Task RunAsync()
    {
        try
        {
            await Task.WhenAll(OutboundAsync(), InboundAsync()).ConfigureAwait(false);
        }
        finally
        {
            _end.Dispose();
            await CurrentRemote().DisposeAsync().ConfigureAwait(false);
            _real.Dispose();
        }
    }

    // Guest → remote; at the guest's EOF half-closes the remote (after close_notify under TLS), then waits for the
    // guest socket to close before stopping the inbound pump (a guest that only shut down its write side still reads).
    private async Task OutboundAsync()
    {
        var buffer = new byte[PumpBufferBytes];
        try
        {
            while (true)
            {
                var (epoch, remote) = Current();
                Errno errno;
                int n;
                try
                {
                    (errno, n) = await _end.ReceiveAsync(buffer, epoch).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
                {
                    await ParkAsync().ConfigureAwait(false); // nothing was taken: the queue is drained
                    continue;
                }

                if (errno != Errno.Success || n == 0)
                {
                    break;
                }

                await remote.WriteAsync(buffer.AsMemory(0, n), _stop.Token).ConfigureAwait(false);
            }

            Ended(outbound: true);
            if (CurrentRemote() is SslStream ssl)
            {
                await ssl.ShutdownAsync().WaitAsync(_stop.Token).ConfigureAwait(false);
            }

            _real.Shutdown(SocketShutdown.Send);
            while (!_guest.IsClosed)
            {
                await _end.WhenReadinessChanges().WaitAsync(_stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (IsConnectionEnd(e))
        {
            // The remote reset or the connection is closing: both ends are closed by RunAsync.
        }
        finally
        {
            Ended(outbound: true);
            await _stop.CancelAsync().ConfigureAwait(false);
        }
    }

    // Remote → guest; at the remote's EOF the guest reads EOF.
    private async Task InboundAsync()
    {
        var buffer = new byte[PumpBufferBytes];
        try
        {
            while (true)
            {
                var (epoch, remote) = Current();
                int n;
                try
                {
                    // Before TLS the read is cancelled to park: a cancelled socket receive takes no bytes, and one that
                    // completed first delivers plaintext that arrived before the upgrade. (A zero-byte read followed by
                    // an uncancellable read could still block in the second after a spurious or racing completion.)
                    // An SslStream read must not be cancelled, and after TLS nothing parks.
                    n = await remote.ReadAsync(buffer, remote is SslStream ? _stop.Token : epoch).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
                {
                    await ParkAsync().ConfigureAwait(false);
                    continue;
                }

                if (n == 0)
                {
                    Ended(outbound: false);
                    _end.ShutdownWrite();
                    return;
                }

                if (await _end.SendAsync(buffer.AsMemory(0, n), _stop.Token).ConfigureAwait(false) != Errno.Success)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (IsConnectionEnd(e))
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }
        finally
        {
            Ended(outbound: false);
        }
    }

    // A pump at its park point: counts itself and waits for the upgrade to finish (or returns at once when the
    // upgrade already gave up).
    private async Task ParkAsync()
    {
        Task resume;
        lock (_lock)
        {
            if (_resume is null)
            {
                return;
            }

            resume = _resume.Task;
            if (++_parkedCount == 2)
            {
                _parked!.TrySetResult(true);
            }
        }

        await resume.WaitAsync(_stop.Token).ConfigureAwait(false);
    }

    private void Ended(bool outbound)
    {
        lock (_lock)
        {
            if (outbound)
            {
                _outboundEnded = true;
            }
            else
            {
                _inboundEnded = true;
            }

            _parked?.TrySetResult(false);
        }
    }

    private (CancellationToken Epoch, Stream Remote) Current()
    {
        lock (_lock)
        {
            return (_epoch.Token, _remote);
        }
    }

    private Stream CurrentRemote()
    {
        lock (_lock)
        {
            return _remote;
        }
    }

    private static bool IsConnectionEnd(Exception e) =>
        e is SocketException or IOException or OperationCanceledException or ObjectDisposedException or AuthenticationException;

    [LoggerMessage(EventId = 120, Level = LogLevel.Warning,
        Message = "network: TLS handshake with {Host} (tcp://{Destination}) failed: {Reason}; the connection is closed. Set NODE_TLS_REJECT_UNAUTHORIZED=0 in the guest's environment to skip certificate verification")]
    private static partial void LogHandshakeFailed(ILogger logger, string host, string destination, string reason);

    [LoggerMessage(EventId = 121, Level = LogLevel.Information,
        Message = "network: tcp://{Destination} upgraded to TLS for {Host} ({Protocol}, certificate verified: {Verified})")]
    private static partial void LogUpgraded(ILogger logger, string destination, string host, SslProtocols protocol, bool verified);
}
