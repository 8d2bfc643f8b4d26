
namespace AgentOs.Orleans;

/// <summary>What the grain storage keeps of a VM: how to create it and its filesystem snapshot.</summary>
[GenerateSerializer]
[Alias("AgentOs.Orleans.VmGrainState")]
internal sealed class VmGrainState
{
    [Id(0)] public VmSettings? Settings { get; set; }

    /// <summary>A <see cref="VmSnapshot"/>; null until the first save.</summary>
    [Id(1)] public byte[]? Snapshot { get; set; }
}
