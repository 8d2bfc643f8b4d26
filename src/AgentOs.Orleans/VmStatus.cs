
namespace AgentOs.Orleans;

/// <summary>Where a VM lives and what it uses.</summary>
/// <param name="Name">The VM's name.</param>
/// <param name="Silo">The address:port of the silo holding it.</param>
/// <param name="Usage">Its usage against its limits.</param>
[GenerateSerializer]
[Alias("AgentOs.Orleans.VmStatus")]
public sealed record VmStatus([property: Id(0)] string Name, [property: Id(1)] string Silo, [property: Id(2)] VmUsage Usage);
