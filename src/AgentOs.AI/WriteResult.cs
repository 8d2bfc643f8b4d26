namespace AgentOs.AI;

/// <summary>A write_file result.</summary>
internal sealed record WriteResult(string Path, int BytesWritten);
