namespace AgentOs.Sidecar;

/// <summary>The <c>process.exit</c> notification, sent after the process ended and its output reached EOF.</summary>
/// <param name="VmId">The VM.</param>
/// <param name="Pid">The process.</param>
/// <param name="ExitCode">As a shell reports it: the process's code, or 128 + <paramref name="Signal"/>.</param>
/// <param name="Signal">The signal that ended it, or null when it exited.</param>
public sealed record SidecarExit(string VmId, int Pid, int ExitCode, int? Signal);
