using AgentOs.Kernel;

namespace AgentOs.Network;

/// <summary>
/// The host's way into servers running inside a VM: connections to guest TCP listeners on the VM's loopback.
/// Each connection counts against <c>maxSockets</c> (two units: the host end and the guest's accepted end) and
/// <c>maxConnections</c> like a guest's, until it is disposed and the guest closes its end.
/// </summary>
public sealed class AgentOsNetwork
{
    private readonly Kernel.Kernel _kernel;

    internal AgentOsNetwork(Kernel.Kernel kernel)
    {
        _kernel = kernel;
    }

    /// <summary>
    /// Connects to the guest listening on TCP <paramref name="port"/> of the VM loopback (127.0.0.1). The stream's
    /// reads and writes await the guest without holding a thread; disposing it closes the connection.
    /// </summary>
    /// <exception cref="AgentOsNetworkException">ECONNREFUSED when no guest listens there (or its backlog is full);
    /// EAGAIN when <c>maxSockets</c> or <c>maxConnections</c> is reached; EINVAL for a port outside 1–65535.</exception>
    public Task<Stream> ConnectAsync(int port, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var errno = _kernel.HostConnect(port, out var socket);
        if (errno != Errno.Success)
        {
            throw new AgentOsNetworkException(errno, "connect", port);
        }

        return Task.FromResult<Stream>(new VmSocketStream(socket!, port));
    }

    /// <summary>
    /// Sends <paramref name="request"/> as HTTP/1.1 to the guest server on TCP <paramref name="port"/> over a new
    /// connection (<c>Connection: close</c>) and returns its response with the body fully read. Only the request
    /// URI's path and query are used; Host defaults to <c>localhost:PORT</c>.
    /// </summary>
    /// <exception cref="AgentOsNetworkException">The connection failed (see <see cref="ConnectAsync"/>) or broke.</exception>
    /// <exception cref="HttpRequestException">The guest's response is not valid HTTP/1.x.</exception>
    public async Task<HttpResponseMessage> HttpRequestAsync(int port, HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var stream = await ConnectAsync(port, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await new HttpWire(stream).ExchangeAsync(request, $"localhost:{port}", cancellationToken).ConfigureAwait(false);
        }
    }
}
