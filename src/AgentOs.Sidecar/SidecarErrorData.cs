namespace AgentOs.Sidecar;

/// <summary>The <c>data</c> of a sidecar error response; absent fields do not apply.</summary>
/// <param name="Type">The failure's kind, e.g. the exception type name on the sidecar.</param>
/// <param name="ConfigPath">The configuration path of the limit or option that caused it, e.g. <c>limits.resources.maxProcesses</c>.</param>
/// <param name="Errno">The POSIX error name, e.g. <c>ENOSPC</c>.</param>
/// <param name="Operation">The filesystem operation, e.g. <c>open</c>.</param>
/// <param name="Path">The VM path or program the operation was on.</param>
/// <param name="Observed">For a limit, the usage observed when it refused.</param>
/// <param name="Capacity">For a limit, its capacity.</param>
public sealed record SidecarErrorData(
    string Type,
    string? ConfigPath = null,
    string? Errno = null,
    string? Operation = null,
    string? Path = null,
    long? Observed = null,
    long? Capacity = null);
