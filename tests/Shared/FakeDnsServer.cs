using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AgentOs.Testing;

/// <summary>
/// A DNS server on 127.0.0.1 (UDP, ephemeral port) answering from a table, for record-query and address-lookup
/// tests: known names get their records of the asked type (none = NODATA), unknown names NXDOMAIN,
/// <see cref="ServerFailureName"/> SERVFAIL; <see cref="Silent"/> drops every query. Responses are encoded by hand
/// (the test's peer).
/// </summary>
internal sealed class FakeDnsServer : IDisposable
{
    public const ushort A = 1;
    public const ushort Ptr = 12;
    public const ushort Aaaa = 28;
    public const ushort Sshfp = 44;
    public const string ServerFailureName = "fail.example.test";

    /// <summary>The name <see cref="WithLoopbackName"/> answers with 127.0.0.1 only: host-network tests reach servers
    /// on this machine's loopback through it, so their traffic never leaves the machine. Under the reserved
    /// <c>.test</c> domain, so no other resolver knows it.</summary>
    public const string LoopbackName = "agentos-loopback.test";

    private readonly UdpClient _socket = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly Dictionary<string, List<(ushort Type, uint Ttl, byte[] Data)>> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly Task _loop;
    private int _queries;

    public FakeDnsServer()
    {
        _loop = ServeAsync();
    }

    public IPEndPoint EndPoint => (IPEndPoint)_socket.Client.LocalEndPoint!;

    /// <summary>Queries received so far.</summary>
    public int Queries => Volatile.Read(ref _queries);

    /// <summary>When set, queries are counted but never answered.</summary>
    public bool Silent { get; set; }

    /// <summary>The standard table: a PTR, two SSHFP records (TTL 600 and 120) and a name with only an SSHFP record.</summary>
    public static FakeDnsServer WithTestRecords()
    {
        var server = new FakeDnsServer();
        server.Add("4.3.2.1.in-addr.arpa", Ptr, 300, EncodeName("host.example.test"));
        server.Add("ssh.example.test", Sshfp, 600, SshfpData(1, 2, 0x11));
        server.Add("ssh.example.test", Sshfp, 120, SshfpData(4, 1, 0x22));
        return server;
    }

    /// <summary>A server answering <see cref="LoopbackName"/> with the A record 127.0.0.1 and no AAAA record.</summary>
    public static FakeDnsServer WithLoopbackName()
    {
        var server = new FakeDnsServer();
        server.AddAddress(LoopbackName, IPAddress.Loopback);
        return server;
    }

    /// <summary>SSHFP RDATA: algorithm, fingerprint type, then a fingerprint of 32 (type 2) or 20 bytes of <paramref name="fill"/>.</summary>
    public static byte[] SshfpData(byte algorithm, byte type, byte fill) =>
        [algorithm, type, .. Enumerable.Repeat(fill, type == 2 ? 32 : 20)];

    public void Add(string name, ushort type, uint ttl, byte[] data)
    {
        lock (_names)
        {
            if (!_names.TryGetValue(name, out var records))
            {
                _names[name] = records = [];
            }

            records.Add((type, ttl, data));
        }
    }

    /// <summary>An A (IPv4) or AAAA (IPv6) record of <paramref name="name"/>.</summary>
    public void AddAddress(string name, IPAddress address, uint ttl = 60) =>
        Add(name, address.AddressFamily == AddressFamily.InterNetwork ? A : Aaaa, ttl, address.GetAddressBytes());

    public void Dispose()
    {
        _socket.Dispose();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // the loop ends with the socket
        }
    }

    public static byte[] EncodeName(string name)
    {
        var bytes = new List<byte>();
        foreach (var label in name.TrimEnd('.').Split('.'))
        {
            bytes.Add((byte)label.Length);
            bytes.AddRange(Encoding.ASCII.GetBytes(label));
        }

        bytes.Add(0);
        return [.. bytes];
    }

    private async Task ServeAsync()
    {
        while (true)
        {
            UdpReceiveResult request;
            try
            {
                request = await _socket.ReceiveAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException)
            {
                return;
            }

            Interlocked.Increment(ref _queries);
            if (!Silent && Respond(request.Buffer) is { } response)
            {
                await _socket.SendAsync(response, request.RemoteEndPoint).ConfigureAwait(false);
            }
        }
    }

    // Header (id, flags, counts), then the question copied from the query and the answers with a pointer to it.
    private byte[]? Respond(byte[] query)
    {
        if (query.Length < 12)
        {
            return null;
        }

        var at = 12;
        var labels = new List<string>();
        while (at < query.Length && query[at] != 0)
        {
            labels.Add(Encoding.ASCII.GetString(query, at + 1, query[at]));
            at += 1 + query[at];
        }

        var questionEnd = at + 5;
        if (questionEnd > query.Length)
        {
            return null;
        }

        var name = string.Join('.', labels);
        var type = BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(at + 1));
        List<(ushort Type, uint Ttl, byte[] Data)> answers = [];
        int rcode;
        lock (_names)
        {
            if (name.Equals(ServerFailureName, StringComparison.OrdinalIgnoreCase))
            {
                rcode = 2;
            }
            else if (_names.TryGetValue(name, out var records))
            {
                rcode = 0;
                answers = [.. records.Where(r => r.Type == type)];
            }
            else
            {
                rcode = 3;
            }
        }

        var response = new List<byte>(query.AsSpan(0, 2).ToArray());
        var recursionDesired = query[2] & 0x01;
        response.AddRange([(byte)(0x80 | recursionDesired), (byte)(0x80 | rcode), 0, 1, 0, (byte)answers.Count, 0, 0, 0, 0]);
        response.AddRange(query.AsSpan(12, questionEnd - 12).ToArray());
        foreach (var (answerType, ttl, data) in answers)
        {
            var record = new byte[12];
            BinaryPrimitives.WriteUInt16BigEndian(record, 0xC00C);
            BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(2), answerType);
            BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(4), 1);
            BinaryPrimitives.WriteUInt32BigEndian(record.AsSpan(6), ttl);
            BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(10), (ushort)data.Length);
            response.AddRange(record);
            response.AddRange(data);
        }

        return [.. response];
    }
}
