using AgentOs.Kernel;
using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Threading;
using AgentOs.Kernel.Vfs;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace AgentOs.Benchmarks;

/// <summary>
/// VFS throughput: 10 MiB moved in 64 KiB writes/reads per invocation. OperationsPerInvoke = 10, so one "op" is one
/// MiB: the Op/s column reads directly as MiB/s.
/// </summary>
[Config(typeof(ThroughputConfig))]
[MemoryDiagnoser]
public class VfsBenchmarks
{
    private const int TotalBytes = 10 * 1024 * 1024;
    private const int ChunkBytes = 64 * 1024;
    private const int MiBPerInvoke = TotalBytes / (1024 * 1024);

    private readonly byte[] _chunk = new byte[ChunkBytes];
    private VirtualFileSystem _fileSystem = null!;
    private FileDescription _readBack = null!;

    [GlobalSetup]
    public void Setup()
    {
        var registry = new LimitRegistry("bench");
        var bytes = registry.Register(LimitNames.FilesystemBytes, LimitCategory.Resource, 1L << 30, "limits.resources.maxFilesystemBytes");
        var inodes = registry.Register(LimitNames.Inodes, LimitCategory.Resource, 16384, "limits.resources.maxInodeCount");
        _fileSystem = new VirtualFileSystem(bytes, inodes, TimeProvider.System);
        new Random(1).NextBytes(_chunk);

        Check(_fileSystem.Open(PathContext.Root, "/read-back", OpenFlags.ReadWrite | OpenFlags.Create, 0x1A4, out _readBack));
        _readBack.Retain();
        for (var written = 0; written < TotalBytes; written += ChunkBytes)
        {
            Check(_readBack.Write(_chunk, WaitContext.Unbounded, out _));
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _readBack.Release();

    /// <summary>Creates a file, writes 10 MiB sequentially in 64 KiB writes, then unlinks and closes it.</summary>
    [Benchmark(OperationsPerInvoke = MiBPerInvoke)]
    public void SequentialWrite10MiB()
    {
        Check(_fileSystem.Open(PathContext.Root, "/write", OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Truncate, 0x1A4, out var file));
        file.Retain();
        for (var written = 0; written < TotalBytes; written += ChunkBytes)
        {
            Check(file.Write(_chunk, WaitContext.Unbounded, out _));
        }

        Check(_fileSystem.Unlink(PathContext.Root, "/write"));
        file.Release();
    }

    /// <summary>Reads a 10 MiB file back sequentially in 64 KiB reads.</summary>
    [Benchmark(OperationsPerInvoke = MiBPerInvoke)]
    public int SequentialRead10MiB()
    {
        var buffer = _chunk;
        var total = 0;
        Check(_readBack.Seek(0, SeekWhence.Set, out _));
        while (true)
        {
            Check(_readBack.Read(buffer, WaitContext.Unbounded, out var read));
            if (read == 0)
            {
                return total;
            }

            total += read;
        }
    }

    private static void Check(Errno result)
    {
        if (result != Errno.Success)
        {
            throw new InvalidOperationException($"VFS benchmark step failed: {result}");
        }
    }

    private sealed class ThroughputConfig : ManualConfig
    {
        public ThroughputConfig() => AddColumn(StatisticColumn.OperationsPerSecond);
    }
}
