using System.Net;
using System.Text;
using AgentOs.Kernel.Net;
using AgentOs.Kernel.Processes;
using DnsClient;
using DnsClient.Protocol;
using Microsoft.Extensions.Logging;

namespace AgentOs.Kernel;

/// <summary>DNS for guests through real DNS servers: record queries (<c>net_dns_query_rr_v1</c>, spec §2.8.8) and the
/// address lookups of <see cref="ResolveHost"/>.</summary>
public sealed partial class Kernel
{
    /// <summary>PTR: the record data is the target name as dotted text.</summary>
    public const int DnsTypePtr = 12;

    /// <summary>SSHFP: the record data is the raw RDATA (algorithm, fingerprint type, fingerprint).</summary>
    public const int DnsTypeSshfp = 44;

    private const int MaxDnsName = 253;
    private const int MaxDnsLabel = 63;
    private const int MaxDnsRecords = 4096;
    private const int MaxDnsPayloadBytes = 64 * 1024;

    private IReadOnlyList<IPEndPoint> _dnsServers = [];
    private HostDns? _hostDns;

    /// <summary>The DNS servers the guest's lookups go to, in order: record queries and address lookups
    /// (<c>getaddrinfo</c>, connecting to an allowed name). Empty (the default) = the host's resolvers: its
    /// <c>/etc/resolv.conf</c> servers for records, the system resolver for addresses. Set by the VM before any guest
    /// runs.</summary>
    public IReadOnlyList<IPEndPoint> DnsServers
    {
        get => Volatile.Read(ref _dnsServers);
        set
        {
            Volatile.Write(ref _dnsServers, [.. value ?? throw new ArgumentNullException(nameof(value))]);
            Volatile.Write(ref _hostDns, null);
        }
    }

    /// <summary>
    /// Queries <paramref name="recordType"/> (<see cref="DnsTypePtr"/> or <see cref="DnsTypeSshfp"/>, else
    /// EOPNOTSUPP) records of <paramref name="name"/> (≤ 253 bytes in labels of 1–63, one trailing dot allowed, else EINVAL). The name
    /// must be allowed like <c>dns://name</c> by the network permission (EACCES). An unknown name (NXDOMAIN) or one
    /// without such records (NODATA) succeeds with no records and the flag set. The guest thread waits at most
    /// <c>maxBlockingReadMs</c> (ETIMEDOUT) and a signal ends the wait (EINTR); no response from the servers is
    /// ETIMEDOUT, a server failure or refusal EIO. More than 4096 records or a payload over 64 KiB is ENOBUFS, with
    /// <paramref name="answer"/> still set so the caller can report the full length.
    /// </summary>
    public Errno QueryDnsRecords(Process process, string name, int recordType, out DnsRecordAnswer? answer)
    {
        answer = null;
        if (recordType is not (DnsTypePtr or DnsTypeSshfp))
        {
            return Errno.EOPNOTSUPP;
        }

        var host = name.EndsWith('.') ? name[..^1] : name;
        if (host.Length == 0 || Encoding.UTF8.GetByteCount(host) > MaxDnsName
            || host.Split('.').Any(label => Encoding.UTF8.GetByteCount(label) is 0 or > MaxDnsLabel))
        {
            return Errno.EINVAL;
        }

        if (NetworkPolicy.FindHostRule(host, out _) is null)
        {
            LogNetworkDenied(Logger, "dns", host);
            return Errno.EACCES;
        }

        HostDns dns;
        try
        {
            dns = Resolver();
        }
        catch (InvalidOperationException e)
        {
            LogDnsFailed(Logger, host, e.Message);
            return Errno.EIO; // the host has no resolvers
        }

        var type = recordType == DnsTypePtr ? QueryType.PTR : QueryType.SSHFP;
        using var cancel = new CancellationTokenSource();
        Task<IDnsQueryResponse> query;
        try
        {
            query = dns.QueryAsync(host, type, cancel.Token);
        }
        catch (ArgumentException)
        {
            return Errno.EINVAL; // a name DnsClient cannot encode (e.g. an invalid IDN)
        }

        var errno = HostBridge.WaitFor(query, cancel, new(process.Interrupted), Limits.MaxBlockingReadMs);
        if (errno != Errno.Success)
        {
            return errno;
        }

        if (!query.IsCompletedSuccessfully)
        {
            var failure = query.Exception?.InnerException;
            LogDnsFailed(Logger, host, failure?.Message ?? "cancelled");
            return failure is DnsResponseException { Code: DnsResponseCode.ConnectionTimeout } or TimeoutException ? Errno.ETIMEDOUT : Errno.EIO;
        }

        var response = query.Result;
        switch (response.Header.ResponseCode)
        {
            case DnsHeaderResponseCode.NotExistentDomain:
                answer = new DnsRecordAnswer([], 0, DnsAnswerFlags.NxDomain);
                return Errno.Success;
            case DnsHeaderResponseCode.NoError:
                break;
            default:
                LogDnsFailed(Logger, host, response.ErrorMessage);
                return Errno.EIO;
        }

        var records = response.Answers.Where(r => (int)r.RecordType == recordType).ToList();
        answer = new DnsRecordAnswer(
            [.. records.Select(RecordData)],
            records.Count == 0 ? 0 : (uint)records.Min(r => Math.Max(r.InitialTimeToLive, 0)),
            records.Count == 0 ? DnsAnswerFlags.NoData : DnsAnswerFlags.None);
        return records.Count > MaxDnsRecords || answer.PayloadLength > MaxDnsPayloadBytes ? Errno.ENOBUFS : Errno.Success;
    }

    // The addresses of an allowed name for ResolveHost: through the configured DNS servers, else the host's system
    // resolver (its hosts file and search domains). Faults for an unknown name or a failed lookup.
    private Task<IPAddress[]> LookUpAddresses(string host, int family, CancellationToken cancellationToken) =>
        DnsServers.Count == 0
            ? System.Net.Dns.GetHostAddressesAsync(host, cancellationToken)
            : Resolver().QueryAddressesAsync(host, family, cancellationToken);

    // The VM's client for its DNS servers, made on first use (setting DnsServers drops it).
    private HostDns Resolver() => LazyInitializer.EnsureInitialized(ref _hostDns, () => new HostDns(DnsServers));

    // PTR: the target's dotted name (libc strips the trailing dot); SSHFP: RDATA as on the wire.
    private static byte[] RecordData(DnsResourceRecord record) => record switch
    {
        PtrRecord ptr => Encoding.UTF8.GetBytes(ptr.PtrDomainName.Value),
        SshfpRecord sshfp => [(byte)sshfp.Algorithm, (byte)sshfp.FingerprintType, .. Convert.FromHexString(sshfp.Fingerprint)],
        _ => throw new InvalidOperationException($"unexpected {record.RecordType} record"),
    };

    [LoggerMessage(EventId = 110, Level = LogLevel.Information, Message = "DNS query dns://{Host} failed: {Reason}")]
    private static partial void LogDnsFailed(ILogger logger, string host, string reason);
}
