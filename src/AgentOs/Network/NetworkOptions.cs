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
    /// Empty (the default) denies all external access. A guest TCP connect that a rule matches is carried over a
    /// real host socket (names resolve through the host); UDP outside the VM stays EACCES.
    /// </summary>
    public IList<string> AllowedHosts { get; set; } = [];

    /// <summary>
    /// The DNS servers that guest record queries (<c>net_dns_query_rr_v1</c>: PTR, SSHFP) go to, in order:
    /// <c>IP</c> or <c>IP:PORT</c> (<c>[::1]:5353</c> for IPv6; port 53 when omitted). Empty (the default) uses the
    /// host's resolvers from <c>/etc/resolv.conf</c>. Queried names still need an allow-rule; answers are never
    /// cached.
    /// </summary>
    public IList<string> DnsServers { get; set; } = [];
}
