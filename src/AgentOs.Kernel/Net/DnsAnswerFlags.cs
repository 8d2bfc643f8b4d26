namespace AgentOs.Kernel.Net;

/// <summary>The <c>*flags_out</c> bits of <c>net_dns_query_rr_v1</c> (spec §2.8.8).</summary>
[Flags]
public enum DnsAnswerFlags
{
    /// <summary>Records found (or none, see the other bits).</summary>
    None = 0,

    /// <summary>The answer was DNSSEC-validated (never set: answers are not validated).</summary>
    Validated = 1,

    /// <summary>The name does not exist (NXDOMAIN).</summary>
    NxDomain = 2,

    /// <summary>The name exists but has no record of the asked type (NODATA).</summary>
    NoData = 4,
}
