using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace AgentOs.Sidecar;

/// <summary>A <see cref="JsonRpc"/> that reads every error's data as <see cref="SidecarErrorData"/>
/// (<see cref="RemoteRpcException.DeserializedErrorData"/> on the client).</summary>
internal sealed class SidecarJsonRpc(IJsonRpcMessageHandler handler) : JsonRpc(handler)
{
    protected override Type? GetErrorDetailsDataType(JsonRpcError error) => typeof(SidecarErrorData);
}
