using AgentOs.Kernel;
using AgentOs.Kernel.Ipc;
using AgentOs.Kernel.Threading;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace AgentOs.Benchmarks;

/// <summary>
/// Pipe throughput: 10 MiB from a writer thread to a reader thread through a kernel pipe (64 KiB buffer), with
/// blocking guest-style reads and writes of <see cref="ChunkBytes"/>. The MiB/s column is 10 MiB over the mean.
/// </summary>
[Config(typeof(ThroughputConfig))]
public class PipeBenchmarks
{
    private const int TotalBytes = 10 << 20;

    private static readonly WaitContext Forever = new(CancellationToken.None);

    private byte[] _source = [];
    private byte[] _sink = [];

    [Params(4096, 65536)]
    public int ChunkBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _source = new byte[ChunkBytes];
        new Random(1).NextBytes(_source);
        _sink = new byte[ChunkBytes];
    }

    [Benchmark]
    public long TenMiBBetweenTwoThreads()
    {
        var pipe = new Pipe();
        var writer = new Thread(() =>
        {
            for (var sent = 0; sent < TotalBytes; sent += ChunkBytes)
            {
                if (pipe.WriteEnd.Write(_source, Forever, out _) != Errno.Success)
                {
                    throw new InvalidOperationException("pipe write failed");
                }
            }

            pipe.WriteEnd.Close();
        });
        writer.Start();

        long received = 0;
        while (true)
        {
            if (pipe.ReadEnd.Read(_sink, Forever, out var read) != Errno.Success)
            {
                throw new InvalidOperationException("pipe read failed");
            }

            if (read == 0)
            {
                break;
            }

            received += read;
        }

        writer.Join();
        return received == TotalBytes ? received : throw new InvalidOperationException($"received {received} bytes");
    }

    private sealed class ThroughputConfig : ManualConfig
    {
        public ThroughputConfig() => AddColumn(new MiBPerSecondColumn(TotalBytes));
    }

    /// <summary>Bytes moved per benchmark invocation divided by its mean time.</summary>
    private sealed class MiBPerSecondColumn(long bytesPerOperation) : IColumn
    {
        public string Id => nameof(MiBPerSecondColumn);

        public string ColumnName => "MiB/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Throughput: MiB moved per second (mean)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
            GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var meanNs = summary[benchmarkCase]?.ResultStatistics?.Mean;
            return meanNs is > 0
                ? (bytesPerOperation / (1024.0 * 1024.0) / (meanNs.Value / 1e9)).ToString("N0", style.CultureInfo)
                : "-";
        }

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
