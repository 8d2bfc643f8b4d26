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
    /// Empty (the default) denies all external access. This VM has no host-network bridge yet, so a guest connect
    /// that a rule matches is still EACCES; the kernel's log line names the matching rule.
    /// </summary>
    public IList<string> AllowedHosts { get; set; } = [];
}
