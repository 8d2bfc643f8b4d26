
namespace AgentOs.Orleans;

/// <summary>A VM's usage against its limits.</summary>
/// <param name="FilesystemBytes">Bytes held by its filesystem.</param>
/// <param name="MaxFilesystemBytes">Its <c>maxFilesystemBytes</c>.</param>
/// <param name="MemoryBytes">Bytes of guest linear memory now.</param>
/// <param name="MaxMemoryBytes">Its <c>maxMemoryBytes</c>.</param>
/// <param name="Processes">Processes running now.</param>
[GenerateSerializer]
[Alias("AgentOs.Orleans.VmUsage")]
public sealed record VmUsage(
    [property: Id(0)] long FilesystemBytes,
    [property: Id(1)] long MaxFilesystemBytes,
    [property: Id(2)] long MemoryBytes,
    [property: Id(3)] long MaxMemoryBytes,
    [property: Id(4)] long Processes)
{
    /// <summary>One line: <c>fs 1.2 MiB/256 MiB mem 0 B/1 GiB procs 0</c>.</summary>
    public override string ToString() =>
        $"fs {Size(FilesystemBytes)}/{Size(MaxFilesystemBytes)} mem {Size(MemoryBytes)}/{Size(MaxMemoryBytes)} procs {Processes}";

    private static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.#} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.#} MiB",
        >= 1L << 10 => $"{bytes / 1024.0:0.#} KiB",
        _ => $"{bytes} B",
    };
}
