using System.Net;
using System.Net.Sockets;

namespace AgentOs.Kernel.Net;

/// <summary>The address ranges a destination outside the VM may not resolve to without an explicit rule (spec §2.8.7).</summary>
internal static class RestrictedAddresses
{
    private static readonly (IPAddress Network, int Bits, string Label)[] Ranges =
    [
        // Loopback destinations of the guest stay inside the VM; these catch names resolving to the host's own.
        (IPAddress.Parse("127.0.0.0"), 8, "loopback"),
        (IPAddress.Parse("::1"), 128, "loopback"),
        (IPAddress.Parse("0.0.0.0"), 32, "unspecified"),
        (IPAddress.Parse("::"), 128, "unspecified"),
        (IPAddress.Parse("10.0.0.0"), 8, "private"),
        (IPAddress.Parse("172.16.0.0"), 12, "private"),
        (IPAddress.Parse("192.168.0.0"), 16, "private"),
        (IPAddress.Parse("100.64.0.0"), 10, "CGNAT"),
        (IPAddress.Parse("169.254.0.0"), 16, "link-local"),
        (IPAddress.Parse("fe80::"), 10, "link-local"),
        (IPAddress.Parse("224.0.0.0"), 4, "multicast"),
        (IPAddress.Parse("240.0.0.0"), 4, "reserved"),
        (IPAddress.Parse("fc00::"), 7, "unique-local"),
        (IPAddress.Parse("ff00::"), 8, "multicast"),
    ];

    // The host's own interface addresses (a public address on eth0 is the host itself), re-read every few seconds.
    private static readonly TimeSpan HostAddressesLifetime = TimeSpan.FromSeconds(5);
    private static Tuple<long, HashSet<IPAddress>>? _hostAddresses;

    /// <summary>The range label and CIDR <paramref name="address"/> falls in (IPv4-mapped/-compatible forms included), or null.</summary>
    public static string? Find(IPAddress address)
    {
        address = Normalize(address);
        foreach (var (network, bits, label) in Ranges)
        {
            if (network.AddressFamily == address.AddressFamily && PrefixMatches(network.GetAddressBytes(), address.GetAddressBytes(), bits))
            {
                return $"{label} range {network}/{bits}";
            }
        }

        return HostAddresses().Contains(address) ? $"the host's own address {address}" : null;
    }

    private static HashSet<IPAddress> HostAddresses()
    {
        var now = Environment.TickCount64;
        if (Volatile.Read(ref _hostAddresses) is { } cached && now - cached.Item1 < HostAddressesLifetime.TotalMilliseconds)
        {
            return cached.Item2;
        }

        HashSet<IPAddress> addresses = [];
        try
        {
            foreach (var nic in System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces())
            {
                foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
                {
                    addresses.Add(Normalize(unicast.Address));
                }
            }
        }
        catch (System.Net.NetworkInformation.NetworkInformationException)
        {
            // No interface list: the ranges above still apply.
        }

        Volatile.Write(ref _hostAddresses, Tuple.Create(now, addresses));
        return addresses;
    }

    /// <summary>IPv4-mapped and IPv4-compatible IPv6 addresses as plain IPv4.</summary>
    public static IPAddress Normalize(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        return bytes.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0 && !(bytes[12] == 0 && bytes[13] == 0 && bytes[14] == 0 && bytes[15] <= 1)
            ? new IPAddress(bytes.AsSpan(12, 4))
            : address;
    }

    private static bool PrefixMatches(byte[] network, byte[] address, int bits)
    {
        for (var i = 0; bits > 0; i++, bits -= 8)
        {
            var mask = bits >= 8 ? 0xFF : (byte)(0xFF << (8 - bits));
            if ((network[i] & mask) != (address[i] & mask))
            {
                return false;
            }
        }

        return true;
    }
}
