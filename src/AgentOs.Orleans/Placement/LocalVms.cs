using System.Collections.Concurrent;

namespace AgentOs.Orleans.Placement;

/// <summary>The VMs active on this silo, for its <see cref="SiloReporter"/>.</summary>
internal sealed class LocalVms
{
    private readonly ConcurrentDictionary<string, Func<VmStatus>> _vms = new(StringComparer.Ordinal);

    public int Count => _vms.Count;

    public void Add(string name, Func<VmStatus> status) => _vms[name] = status;

    public void Remove(string name) => _vms.TryRemove(name, out _);

    public IReadOnlyList<VmStatus> Snapshot() => [.. _vms.Values.Select(status => status()).OrderBy(s => s.Name, StringComparer.Ordinal)];
}
