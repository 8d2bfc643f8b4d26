using System.Globalization;
using System.Text;
using AgentOs.Kernel.Net;
using AgentOs.Kernel.Processes;

namespace AgentOs.Kernel;

/// <summary>net_tls_connect (spec §2.8.4): TLS client upgrades of stream sockets bridged to the host network.</summary>
public sealed partial class Kernel
{
    /// <summary>SNI / certificate host names are DNS names: at most 253 bytes.</summary>
    public const int MaxTlsHostBytes = 253;

    private const string SkipVerificationVariable = "NODE_TLS_REJECT_UNAUTHORIZED";

    /// <summary>
    /// Upgrades the connected stream socket <paramref name="fd"/> to a TLS client for <paramref name="host"/>; later
    /// send/recv carry plaintext. Only connections an allow-rule bridged to the host network can be upgraded
    /// (EOPNOTSUPP for in-VM ones). Certificates are verified (system trust, host name) unless the process's
    /// environment has <c>NODE_TLS_REJECT_UNAUTHORIZED=0</c>. EINVAL for an empty host, one over 253 bytes or with a
    /// NUL; ENOTCONN when not connected; EISCONN when already upgraded. Waits at most <c>maxBlockingReadMs</c>
    /// (ETIMEDOUT) and ends on a signal (EINTR). A failed handshake closes the connection, writes one
    /// <c>[agentos] TLS handshake with HOST failed: REASON</c> line to the process's stderr when that does not block,
    /// and is ECONNABORTED.
    /// </summary>
    public Errno SocketTlsConnect(Process process, int fd, string host)
    {
        if (host.Length == 0 || host.Contains('\0', StringComparison.Ordinal) || Encoding.UTF8.GetByteCount(host) > MaxTlsHostBytes
            || !IsTlsHostName(host))
        {
            return Errno.EINVAL;
        }

        var errno = GetSocket(process, fd, out var socket);
        if (errno != Errno.Success)
        {
            return errno;
        }

        if (socket is not StreamSocket { Connection: not null } stream)
        {
            return Errno.ENOTCONN;
        }

        if (stream.Bridge is not { } bridge)
        {
            return Errno.EOPNOTSUPP;
        }

        var verify = process.Environment.LastOrDefault(e => e.StartsWith(SkipVerificationVariable + "=", StringComparison.Ordinal)) != SkipVerificationVariable + "=0";
        errno = bridge.Upgrade(host, verify, new(process.Interrupted), Limits.MaxBlockingReadMs, out var failure);
        if (failure is not null)
        {
            Notice(process, $"[agentos] TLS handshake with {host} failed: {failure}");
        }

        return errno;
    }

    // SNI needs a name IDNA can encode (or an IP literal); SslStream throws on anything else.
    private static bool IsTlsHostName(string host)
    {
        if (System.Net.IPAddress.TryParse(host, out _))
        {
            return true;
        }

        try
        {
            _ = new IdnMapping().GetAscii(host);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
