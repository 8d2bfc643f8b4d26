using AgentOs.Kernel.Limits;
using Orleans.Runtime.Placement;

namespace AgentOs.Orleans.Placement;

/// <summary>What a VM claims of a silo's host totals (memory + filesystem bytes, CPU millicores), as the host
/// computes it; carried to the placement director in the request context of the call that activates the grain.</summary>
[GenerateSerializer]
[Alias("AgentOs.Orleans.Placement.VmClaim")]
internal sealed record VmClaim([property: Id(0)] long MemoryBytes, [property: Id(1)] long CpuMillicores)
{
    private const string Key = "agentos.vm.claim";

    public static VmClaim Of(VmSettings? settings)
    {
        var limits = (settings?.ToResourceLimits() ?? new ResourceLimits()).Resolve();
        return new(limits.MaxMemoryBytes + limits.MaxFilesystemBytes, (long)Math.Ceiling(limits.MaxCpuCores * 1000));
    }

    /// <summary>Sets the claim for calls made from this async flow.</summary>
    public void Attach() => RequestContext.Set(Key, this);

    public static VmClaim From(PlacementTarget target) =>
        target.RequestContextData is { } data && data.TryGetValue(Key, out var value) && value is VmClaim claim ? claim : Of(null);
}
