using System.Collections.Concurrent;

namespace AgentOs.Sidecar;

/// <summary>
/// Saved VM states held by a sidecar session between <c>vm.saveState</c> and the <c>state.read</c> chunks that
/// download them, or between the <c>state.write</c> chunks that upload one and the <c>vm.create</c> that uses it.
/// At most <see cref="MaxBuffers"/> at once, so a host that never discards cannot grow the sidecar without bound.
/// </summary>
internal sealed class SidecarStateBuffers
{
    /// <summary>States held at once.</summary>
    public const int MaxBuffers = 16;

    private readonly ConcurrentDictionary<string, MemoryStream> _buffers = new(StringComparer.Ordinal);
    private long _lastId;

    /// <summary>Holds <paramref name="buffer"/> under a new id.</summary>
    public string Add(MemoryStream buffer)
    {
        if (_buffers.Count >= MaxBuffers)
        {
            throw SidecarErrors.InvalidParams($"state: {MaxBuffers} states are held already; read and discard (state.discard) one first", "state");
        }

        var id = "state-" + Interlocked.Increment(ref _lastId);
        _buffers[id] = buffer;
        return id;
    }

    public MemoryStream Get(string id) =>
        _buffers.TryGetValue(id, out var buffer) ? buffer : throw SidecarErrors.InvalidParams($"state: no state '{id}' on this sidecar", "state");

    /// <summary>Forgets <paramref name="id"/>; false when it was not held.</summary>
    public bool Remove(string id) => _buffers.TryRemove(id, out _);
}
