using System.Threading.Channels;
using AgentOs.Kernel.Limits;

namespace AgentOs.Sidecar;

/// <summary>
/// The single path to stdout: a bounded queue of complete frames (one JSON line each) drained by one writer. When the
/// host stops reading, the writer blocks, the queue fills and producers wait — the process-output pumps stop reading
/// guest pipes, so guests block instead of output being dropped or buffered without bound. The depth is the
/// <c>sidecar_stdout_frames</c> queue gauge (80% warning like any VM queue).
/// </summary>
internal sealed class FrameQueue
{
    public const string GaugeName = "sidecar_stdout_frames";
    public const string ConfigPath = "sidecar.stdoutQueueFrames";

    private readonly Channel<byte[]> _frames;
    private readonly LimitGauge _gauge;
    private readonly Stream _output;

    public FrameQueue(Stream output, int capacity, LimitRegistry registry)
    {
        _output = output;
        _frames = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _gauge = registry.Register(GaugeName, LimitCategory.Queue, capacity, ConfigPath);
    }

    /// <summary>Queues one frame (without its newline), waiting for room.</summary>
    public async ValueTask EnqueueAsync(byte[] frame, CancellationToken cancellationToken = default)
    {
        await _frames.Writer.WriteAsync(frame, cancellationToken).ConfigureAwait(false);

        // The channel's own count: separate enqueued/dequeued counts race with the reader and could pass capacity.
        _gauge.ObserveDepth(_frames.Reader.Count);
    }

    /// <summary>No more frames; the writer ends once the queue is drained.</summary>
    public void Complete() => _frames.Writer.TryComplete();

    /// <summary>Writes frames to the output until <see cref="Complete"/> and the queue is empty, flushing whenever it runs dry.</summary>
    public async Task RunWriterAsync()
    {
        var reader = _frames.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var frame))
                {
                    _gauge.ObserveDepth(reader.Count);
                    await _output.WriteAsync(frame).ConfigureAwait(false);
                    await _output.WriteAsync(NewLine).ConfigureAwait(false);
                }

                await _output.FlushAsync().ConfigureAwait(false);
            }
        }
        catch (IOException)
        {
            // The host closed our stdout: nobody is listening any more; stop taking frames so producers fail fast.
            _frames.Writer.TryComplete();
        }
    }

    private static ReadOnlyMemory<byte> NewLine { get; } = "\n"u8.ToArray();
}
