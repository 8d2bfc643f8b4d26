using System.Net;
using System.Net.Sockets;
using DnsClient;

namespace AgentOs.Kernel.Net;

/// <summary>
/// One VM's client for record queries to real DNS servers (<c>net_dns_query_rr_v1</c>, spec §2.8.8): the
/// operator's servers, or the host's resolvers (<c>/etc/resolv.conf</c>) when none are given. Nothing is cached,
/// so no answer outlives its query or crosses VMs; servers are asked in the configured order.
/// </summary>
internal sealed class HostDns
{
    private const int DnsPort = 53;

    private readonly LookupClient _client;

    /// <summary>A client for <paramref name="servers"/> (empty = the host's resolvers).</summary>
    /// <exception cref="InvalidOperationException">No servers were given and the host has none.</exception>
    public HostDns(IReadOnlyList<IPEndPoint> servers)
    {
        var options = servers.Count == 0 ? new LookupClientOptions() : new LookupClientOptions([.. servers]);
        options.UseCache = false;
        options.ThrowDnsErrors = false;
        options.ContinueOnEmptyResponse = false; // NODATA is an answer, not a reason to ask the next server
        options.UseRandomNameServer = false;
        options.Retries = 1;
        options.Timeout = TimeSpan.FromSeconds(5);
        _client = new LookupClient(options);
    }

    /// <summary>Parses an operator's <c>IP</c> or <c>IP:PORT</c> (IPv6 as <c>[addr]:port</c>); the port defaults to 53.</summary>
    /// <exception cref="FormatException">Not an IP address with an optional port 1–65535.</exception>
    public static IPEndPoint ParseServer(string text)
    {
        var trimmed = text.Trim();
        if (IPEndPoint.TryParse(trimmed, out var endpoint))
        {
            // A port is explicit after "]" or, for IPv4, after the only colon; a bare IPv6 address has none.
            var explicitPort = trimmed.StartsWith('[')
                ? trimmed.Contains("]:", StringComparison.Ordinal)
                : endpoint.AddressFamily == AddressFamily.InterNetwork && trimmed.Contains(':', StringComparison.Ordinal);
            if (!explicitPort)
            {
                return new IPEndPoint(endpoint.Address, DnsPort);
            }

            if (endpoint.Port != 0)
            {
                return endpoint;
            }
        }

        throw new FormatException($"DNS server \"{text}\": expected IP or IP:PORT with a port in 1-65535.");
    }

    /// <summary>Asks for <paramref name="type"/> records of <paramref name="name"/>; faults as <see cref="DnsResponseException"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid DNS name.</exception>
    public Task<IDnsQueryResponse> QueryAsync(string name, QueryType type, CancellationToken cancellationToken)
    {
        var question = new DnsQuestion(DnsString.Parse(name), type, QueryClass.IN);
        return _client.QueryAsync(question, cancellationToken);
    }
}
