using System.Globalization;
using System.Net;
using System.Text;

namespace AgentOs.Kernel.Net;

/// <summary>
/// A socket address: an IP address (or a host name still to resolve) with a port, or a Unix-domain name. Unix names
/// are a path, an abstract name (leading NUL), or none (unnamed). Text forms follow the guest ABI (spec §2.8.3).
/// </summary>
public sealed record SocketEndpoint
{
    private const string UnixHexPrefix = "unix-path-hex:";
    private const string UnixPrefix = "unix:";
    private const string AbstractPrefix = "unix-abstract:";
    private const string Unnamed = "unix-unnamed";
    private const string Autobind = "unix-autobind";

    private SocketEndpoint(SocketDomain domain, IPAddress? address, string? hostName, int port, string? unixName)
    {
        Domain = domain;
        Address = address;
        HostName = hostName;
        Port = port;
        UnixName = unixName;
    }

    /// <summary>The family: Inet for IPv4 and unresolved host names, Inet6, or Unix.</summary>
    public SocketDomain Domain { get; }

    /// <summary>The IP address; null for Unix names and unresolved host names.</summary>
    public IPAddress? Address { get; }

    /// <summary>A host name that still needs resolving (e.g. <c>localhost</c>).</summary>
    public string? HostName { get; }

    /// <summary>The port (0 = any / ephemeral).</summary>
    public int Port { get; }

    /// <summary>The Unix name: a path, an abstract name starting with NUL, or null for unnamed/autobind.</summary>
    public string? UnixName { get; }

    /// <summary>An IP endpoint.</summary>
    public static SocketEndpoint Ip(IPAddress address, int port) =>
        new(address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? SocketDomain.Inet6 : SocketDomain.Inet, address, null, port, null);

    /// <summary>A Unix-domain endpoint; null is the unnamed address.</summary>
    public static SocketEndpoint Unix(string? name) => new(SocketDomain.Unix, null, null, 0, name);

    /// <summary>Parses guest address text (<c>a.b.c.d:port</c>, <c>[v6]:port</c>, <c>v6:port</c>, <c>host:port</c>,
    /// <c>unix-path-hex:…</c>, <c>unix:…</c>, <c>unix-abstract:…</c>, <c>unix-autobind</c>, or a bare <c>/path</c>).
    /// Text is cut at its first NUL. EINVAL for anything malformed.</summary>
    public static Errno TryParse(string text, out SocketEndpoint endpoint)
    {
        endpoint = null!;
        var nul = text.IndexOf('\0', StringComparison.Ordinal);
        if (nul >= 0)
        {
            text = text[..nul];
        }

        if (text.StartsWith(UnixHexPrefix, StringComparison.Ordinal))
        {
            if (!TryHex(text[UnixHexPrefix.Length..], out var bytes))
            {
                return Errno.EINVAL;
            }

            var end = Array.IndexOf(bytes, (byte)0);
            var path = Encoding.UTF8.GetString(bytes, 0, end < 0 ? bytes.Length : end);
            return UnixPath(path, out endpoint);
        }

        if (text.StartsWith(AbstractPrefix, StringComparison.Ordinal))
        {
            if (!TryHex(text[AbstractPrefix.Length..], out var bytes))
            {
                return Errno.EINVAL;
            }

            endpoint = Unix("\0" + Encoding.UTF8.GetString(bytes));
            return Errno.Success;
        }

        if (text.StartsWith(UnixPrefix, StringComparison.Ordinal))
        {
            return UnixPath(text[UnixPrefix.Length..], out endpoint);
        }

        if (text == Autobind)
        {
            endpoint = Unix(null);
            return Errno.Success;
        }

        if (text.StartsWith('/'))
        {
            // Legacy sysroots send a bare path.
            return UnixPath(text, out endpoint);
        }

        string host;
        string portText;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf("]:", StringComparison.Ordinal);
            if (close < 0)
            {
                return Errno.EINVAL;
            }

            host = text[1..close];
            portText = text[(close + 2)..];
        }
        else
        {
            var colon = text.LastIndexOf(':');
            if (colon < 0)
            {
                return Errno.EINVAL;
            }

            host = text[..colon];
            portText = text[(colon + 1)..];
        }

        if (host.Length == 0 || !ushort.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            return Errno.EINVAL;
        }

        endpoint = IPAddress.TryParse(host, out var address)
            ? Ip(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address, port)
            : new SocketEndpoint(SocketDomain.Inet, null, host, port, null);
        return Errno.Success;
    }

    /// <summary>Whether the address is in 127.0.0.0/8 or ::1 (IPv4-mapped and -compatible forms included).</summary>
    public bool IsLoopback => Address is { } a && IPAddress.IsLoopback(RestrictedAddresses.Normalize(a));

    /// <summary>Whether the address is 0.0.0.0 or ::.</summary>
    public bool IsUnspecified => Address is { } a && (a.Equals(IPAddress.Any) || a.Equals(IPAddress.IPv6Any));

    /// <summary>The same endpoint with another port.</summary>
    public SocketEndpoint WithPort(int port) => new(Domain, Address, HostName, port, UnixName);

    /// <summary>The host → guest text form: <c>a.b.c.d:port</c>, <c>[v6]:port</c>, <c>unix:path</c>,
    /// <c>unix-abstract:hex</c> or <c>unix-unnamed</c>.</summary>
    public override string ToString() => Domain switch
    {
        SocketDomain.Unix when UnixName is null or "" => Unnamed,
        SocketDomain.Unix when UnixName[0] == '\0' => AbstractPrefix + Convert.ToHexStringLower(Encoding.UTF8.GetBytes(UnixName[1..])),
        SocketDomain.Unix => UnixPrefix + UnixName,
        _ when Address is null => HostName + ":" + Port.ToString(CultureInfo.InvariantCulture),
        SocketDomain.Inet6 => "[" + Address + "]:" + Port.ToString(CultureInfo.InvariantCulture),
        _ => Address + ":" + Port.ToString(CultureInfo.InvariantCulture),
    };

    private static Errno UnixPath(string path, out SocketEndpoint endpoint)
    {
        endpoint = path.Length == 0 ? null! : Unix(path);
        return path.Length == 0 ? Errno.EINVAL : Errno.Success;
    }

    private static bool TryHex(string hex, out byte[] bytes)
    {
        try
        {
            bytes = Convert.FromHexString(hex);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
