namespace AgentOs.AI;

/// <summary>A read_file result: <see cref="Encoding"/> is <c>utf-8</c> or <c>base64</c> (not UTF-8).</summary>
internal sealed record FileContent(string Path, string Content, string Encoding, long Size, bool Truncated);
