namespace AgentOs.Sidecar;

/// <summary>
/// JSON-RPC error codes of the sidecar protocol (docs/sidecar-protocol.md). The standard codes (-32700 parse error,
/// -32600 invalid request, -32601 unknown method, -32602 invalid params) keep their JSON-RPC 2.0 meaning; the
/// sidecar's own codes are in the server range.
/// </summary>
public static class SidecarErrorCodes
{
    /// <summary>The frame is not JSON.</summary>
    public const int ParseError = -32700;

    /// <summary>The frame is JSON but not a JSON-RPC request, or is larger than the frame limit.</summary>
    public const int InvalidRequest = -32600;

    /// <summary>No such method.</summary>
    public const int MethodNotFound = -32601;

    /// <summary>The parameters are missing, of the wrong type, or out of range.</summary>
    public const int InvalidParams = -32602;

    /// <summary>A limit refused the operation; the error data's <c>configPath</c> names it.</summary>
    public const int LimitExceeded = -32001;

    /// <summary>No VM with that id on this sidecar.</summary>
    public const int VmNotFound = -32002;

    /// <summary>No process with that pid started through this sidecar in that VM.</summary>
    public const int ProcessNotFound = -32003;

    /// <summary>A filesystem operation failed; the error data carries <c>errno</c>, <c>operation</c> and <c>path</c>.</summary>
    public const int FileSystemError = -32004;

    /// <summary>A process could not be started (no such program, not executable…); the data carries <c>errno</c>.</summary>
    public const int SpawnFailed = -32005;

    /// <summary>The VM options are invalid (a limit out of range, a relative cwd…); <c>configPath</c> names the field.</summary>
    public const int InvalidConfiguration = -32006;

    /// <summary>Software could not be found, downloaded, verified or mounted.</summary>
    public const int SoftwareError = -32007;

    /// <summary>Writing to a process's stdin failed (it closed stdin or exited: EPIPE).</summary>
    public const int BrokenPipe = -32008;
}
