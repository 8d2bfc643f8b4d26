namespace AgentOs.Sidecar;

/// <summary>The result of <c>fs.readFile</c>: one chunk of a file.</summary>
/// <param name="Data">The bytes read (base64 on the wire).</param>
/// <param name="Offset">Where the chunk starts.</param>
/// <param name="Size">The file's size when read.</param>
/// <param name="Eof">Whether the chunk reaches the end of the file.</param>
public sealed record SidecarFileChunk(byte[] Data, long Offset, long Size, bool Eof);
