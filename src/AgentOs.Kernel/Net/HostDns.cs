using System.Net;
using System.Net.Sockets;
using DnsClient;
using DnsClient.Protocol;

namespace AgentOs.Kernel.Net;

/// <summary>
/// One VM's client for queries to real DNS servers: record queries (<c>net_dns_query_rr_v1</c>, spec §2.8.8) and,
/// when the operator configured servers, address lookups. The operator's servers, or the host's resolvers
/// (<c>/etc/resolv.conf</c>) when none are given. Nothing is cached, so no answer outlives its query or crosses VMs;
/// servers are asked in the configured order, each query times out after 5 s (one retry), and a response is one DNS
/// message, at most 64 KiB.
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

    /// <summary>
    /// Asks for the A (<paramref name="family"/> 0 or 4) and AAAA (0 or 6) records of <paramref name="name"/>, as given
    /// (no search domains): the addresses in the answers, CNAMEs followed as the server did; none for an unknown name
    /// or one without such records. Faults when a query fails or <paramref name="name"/> is not a valid DNS name.
    /// </summary>
    public async Task<IPAddress[]> QueryAddressesAsync(string name, int family, CancellationToken cancellationToken)
    {
        QueryType[] types = family switch
        {
            4 => [QueryType.A],
            6 => [QueryType.AAAA],
            _ => [QueryType.A, QueryType.AAAA],
        };
        var host = DnsString.Parse(name);
        var responses = await Task.WhenAll(types.Select(type => _client.QueryAsync(new DnsQuestion(host, type, QueryClass.IN), cancellationToken)))
            .ConfigureAwait(false);
        return [.. responses.SelectMany(r => r.Answers).Select(r => r switch
        {
            ARecord a => a.Address,
            AaaaRecord aaaa => aaaa.Address,
            _ => null,
        }).OfType<IPAddress>()];
    }

    /// <summary>Asks for <paramref name="type"/> records of <paramref name="name"/>; faults as <see cref="DnsResponseException"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid DNS name.</exception>
    public Task<IDnsQueryResponse> QueryAsync(string name, QueryType type, CancellationToken cancellationToken)
    {
        var question = new DnsQuestion(DnsString.Parse(name), type, QueryClass.IN);
        return _client.QueryAsync(question, cancellationToken);
    }
}
