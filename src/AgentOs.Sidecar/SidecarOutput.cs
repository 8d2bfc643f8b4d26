namespace AgentOs.Sidecar;

/// <summary>The <c>process.output</c> notification: bytes a spawned process wrote.</summary>
/// <param name="VmId">The VM.</param>
/// <param name="Pid">The process.</param>
/// <param name="Stream"><c>stdout</c> or <c>stderr</c>.</param>
/// <param name="Data">The bytes (base64 on the wire).</param>
/// <param name="Seq">Per-process sequence number from 0, shared by both streams: order by it to rebuild the output.</param>
public sealed record SidecarOutput(string VmId, int Pid, string Stream, byte[] Data, long Seq);
