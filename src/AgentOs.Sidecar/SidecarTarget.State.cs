using StreamJsonRpc;

namespace AgentOs.Sidecar;

// VM states move as base64 chunks without touching any file: vm.saveState holds a saved state on the sidecar for
// state.read chunks; state.write chunks build one up for vm.create's `state`.
internal sealed partial class SidecarTarget
{
    private readonly SidecarStateBuffers _states = new();

    [JsonRpcMethod("vm.saveState")]
    public Task<object> SaveStateAsync(string vmId, CancellationToken cancellationToken = default) => Guard<object>(async () =>
    {
        var buffer = new MemoryStream();
        await Vm(vmId).SaveStateAsync(buffer, cancellationToken).ConfigureAwait(false);
        return new { state = _states.Add(buffer), size = buffer.Length };
    });

    [JsonRpcMethod("state.read")]
    public Task<SidecarFileChunk> ReadStateAsync(string state, long offset = 0, long? length = null) => Guard(() =>
    {
        if (offset < 0 || length is < 0 or > MaxReadChunk)
        {
            throw SidecarErrors.InvalidParams($"state.read: offset must be >= 0 and length 0..{MaxReadChunk} bytes (were {offset}, {length})", offset < 0 ? "offset" : "length");
        }

        var buffer = _states.Get(state);
        lock (buffer)
        {
            var size = buffer.Length;
            var start = Math.Min(offset, size);
            var count = (int)Math.Min(length ?? MaxReadChunk, size - start);
            var data = buffer.GetBuffer().AsSpan((int)start, count).ToArray();
            return Task.FromResult(new SidecarFileChunk(data, start, size, start + count >= size));
        }
    });

    [JsonRpcMethod("state.write")]
    public Task<object> WriteStateAsync(byte[] data, string? state = null) => Guard<object>(() =>
    {
        var buffer = state is null ? new MemoryStream() : _states.Get(state);
        var id = state ?? _states.Add(buffer);
        lock (buffer)
        {
            buffer.Seek(0, SeekOrigin.End);
            buffer.Write(data);
            return Task.FromResult<object>(new { state = id, size = buffer.Length });
        }
    });

    [JsonRpcMethod("state.discard")]
    public Task<object> DiscardStateAsync(string state) => Guard<object>(() =>
        Task.FromResult<object>(new { discarded = _states.Remove(state) }));

    /// <summary>The uploaded state <paramref name="id"/> for <c>vm.create</c>, forgotten as it is taken.</summary>
    private MemoryStream TakeState(string id)
    {
        var buffer = _states.Get(id);
        _states.Remove(id);
        return new MemoryStream(buffer.GetBuffer(), 0, (int)buffer.Length, writable: false);
    }
}
