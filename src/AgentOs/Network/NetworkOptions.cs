namespace AgentOs.Network;

/// <summary>
/// The VM's <c>network</c> permission (<c>network.*</c> in configuration). Guests always reach the VM's own
/// loopback; everything else is denied unless an allow-rule matches.
/// </summary>
public sealed class NetworkOptions
{
    /// <summary>
    /// Allow-rules for destinations outside the VM: <c>HOST[:PORT]</c> — a name or IP (<c>*</c> any host,
    /// <c>*.example.com</c> its subdomains, <c>[::1]:8080</c> for IPv6), PORT a number or <c>*</c> (omitted = any).
    /// Empty (the default) denies all external access. A guest TCP connection or UDP datagram that a rule matches is
    /// carried over a real host socket (names resolve through <see cref="DnsServers"/>, else the host's resolver).
    /// </summary>
    public IList<string> AllowedHosts { get; set; } = [];

    /// <summary>
    /// The DNS servers the guest's lookups go to, in order: address lookups (A/AAAA for <c>getaddrinfo</c> and for
    /// connecting to an allowed name) and record queries (<c>net_dns_query_rr_v1</c>: PTR, SSHFP). <c>IP</c> or
    /// <c>IP:PORT</c> (<c>[::1]:5353</c> for IPv6; port 53 when omitted). Empty (the default) uses the host's
    /// resolvers: the system resolver (hosts file included) for addresses, <c>/etc/resolv.conf</c> for records.
    /// Looked-up names still need an allow-rule, an address in a restricted range (loopback, private…) still needs a
    /// rule naming the host, and answers are never cached.
    /// </summary>
    public IList<string> DnsServers { get; set; } = [];
}
