using System.Buffers.Binary;

namespace AgentOs.Kernel.Net;

/// <summary>
/// The records of one DNS answer as <c>net_dns_query_rr_v1</c> returns them (spec §2.8.8): the payload is a u32 LE
/// count, then per record a u32 LE length and the record's data.
/// </summary>
/// <param name="Records">Each record's data: PTR the target name as dotted text, SSHFP the raw RDATA.</param>
/// <param name="TimeToLive">The minimum TTL of the records (0 when there are none).</param>
/// <param name="Flags">NXDOMAIN / NODATA.</param>
public sealed record DnsRecordAnswer(IReadOnlyList<byte[]> Records, uint TimeToLive, DnsAnswerFlags Flags)
{
    /// <summary>The payload's size in bytes.</summary>
    public long PayloadLength => 4 + Records.Sum(r => 4L + r.Length);

    /// <summary>The payload.</summary>
    public byte[] ToPayload()
    {
        var payload = new byte[PayloadLength];
        BinaryPrimitives.WriteUInt32LittleEndian(payload, (uint)Records.Count);
        var at = 4;
        foreach (var record in Records)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(payload.AsSpan(at), (uint)record.Length);
            record.CopyTo(payload, at + 4);
            at += 4 + record.Length;
        }

        return payload;
    }
}
