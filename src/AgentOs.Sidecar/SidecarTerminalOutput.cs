namespace AgentOs.Sidecar;

/// <summary>The <c>terminal.output</c> notification: what a terminal shows (the programs' output and the echo of input).</summary>
/// <param name="VmId">The VM.</param>
/// <param name="Pid">The terminal's program (its id in the <c>terminal.*</c> methods).</param>
/// <param name="Data">The bytes (base64 on the wire), escape sequences included.</param>
/// <param name="Seq">Sequence number from 0 per terminal.</param>
public sealed record SidecarTerminalOutput(string VmId, int Pid, byte[] Data, long Seq);
