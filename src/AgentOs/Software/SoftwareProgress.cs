namespace AgentOs.Software;

/// <summary>A progress report for one package.</summary>
/// <param name="Package">The package name, e.g. <c>coreutils</c>.</param>
/// <param name="Phase">The current phase.</param>
/// <param name="BytesDone">Bytes transferred or processed so far in this phase.</param>
/// <param name="BytesTotal">Total bytes of this phase, or null when the server did not say.</param>
public readonly record struct SoftwareProgress(string Package, SoftwarePhase Phase, long BytesDone, long? BytesTotal);
