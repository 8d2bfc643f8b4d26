using AgentOs.Kernel.Limits;
using AgentOs.Software;
using StreamJsonRpc;

namespace AgentOs.Sidecar;

/// <summary>Turns library failures into typed JSON-RPC errors whose data names the limit or config path behind them.</summary>
internal static class SidecarErrors
{
    public static LocalRpcException VmNotFound(string vmId) =>
        Create(SidecarErrorCodes.VmNotFound, $"no VM '{vmId}' on this sidecar", new SidecarErrorData("VmNotFound"));

    public static LocalRpcException ProcessNotFound(string vmId, int pid) =>
        Create(SidecarErrorCodes.ProcessNotFound, $"no process {pid} started through this sidecar in VM '{vmId}'", new SidecarErrorData("ProcessNotFound"));

    public static LocalRpcException TerminalNotFound(string vmId, int pid) =>
        Create(SidecarErrorCodes.ProcessNotFound, $"no open terminal {pid} in VM '{vmId}' (never opened through this sidecar, or closed)", new SidecarErrorData("TerminalNotFound"));

    public static LocalRpcException TerminalHungUp(string message) =>
        Create(SidecarErrorCodes.BrokenPipe, message, new SidecarErrorData(nameof(IOException), Errno: "EIO"));

    public static LocalRpcException InvalidParams(string message, string? configPath = null) =>
        Create(SidecarErrorCodes.InvalidParams, message, new SidecarErrorData("InvalidParams", configPath));

    /// <summary>The typed error for <paramref name="exception"/>, or null for an unexpected failure (a sidecar bug).</summary>
    public static LocalRpcException? Translate(Exception exception) => exception switch
    {
        LocalRpcException rpc => rpc,
        LimitConfigurationException e => Create(SidecarErrorCodes.InvalidConfiguration, e.Message, new SidecarErrorData(nameof(LimitConfigurationException), e.ConfigPath)),
        AgentOsSpawnException e => Create(
            e.LimitConfigPath is null ? SidecarErrorCodes.SpawnFailed : SidecarErrorCodes.LimitExceeded,
            e.Message,
            new SidecarErrorData(nameof(AgentOsSpawnException), e.LimitConfigPath, e.Errno.ToString(), "spawn", e.Program)),
        AgentOsFileSystemException e => Create(
            e.LimitConfigPath is null ? SidecarErrorCodes.FileSystemError : SidecarErrorCodes.LimitExceeded,
            e.Message,
            new SidecarErrorData(nameof(AgentOsFileSystemException), e.LimitConfigPath, e.Errno.ToString(), e.Operation, e.Path, e.Observed, e.Capacity)),
        AgentOsHostCapacityException e => Create(SidecarErrorCodes.LimitExceeded, e.Message, new SidecarErrorData(nameof(AgentOsHostCapacityException), e.ConfigPath)),
        SoftwareException e => Create(SidecarErrorCodes.SoftwareError, e.Message, new SidecarErrorData(nameof(SoftwareException))),
        ArgumentException e => InvalidParams(e.Message),
        ObjectDisposedException => Create(SidecarErrorCodes.VmNotFound, "the VM was disposed", new SidecarErrorData("VmNotFound")),
        IOException e => Create(SidecarErrorCodes.BrokenPipe, e.Message, new SidecarErrorData(nameof(IOException), Errno: "EPIPE")),
        InvalidOperationException e => InvalidParams(e.Message),
        _ => null,
    };

    private static LocalRpcException Create(int code, string message, SidecarErrorData data) =>
        new(message) { ErrorCode = code, ErrorData = data };
}
