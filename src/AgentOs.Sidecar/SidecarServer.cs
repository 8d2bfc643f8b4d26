using System.Buffers;
using System.IO.Pipelines;
using AgentOs.Kernel.Limits;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace AgentOs.Sidecar;

/// <summary>
/// <c>agentos sidecar</c>: serves VMs over newline-delimited JSON-RPC 2.0 on a pair of streams (stdin/stdout).
/// Inbound lines are checked by <see cref="FrameValidator"/> before StreamJsonRpc reads them; everything StreamJsonRpc
/// writes is cut into frames and leaves through the bounded <see cref="FrameQueue"/>, the only writer of the output.
/// Ends when the input ends, disposing every VM.
/// </summary>
internal static partial class SidecarServer
{
    /// <summary>How long frames still queued at shutdown may take to reach a host that stopped reading.</summary>
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(Stream input, Stream output, SidecarServerOptions options, ILoggerFactory loggers, CancellationToken cancellationToken = default)
    {
        var logger = loggers.CreateLogger("AgentOs.Sidecar");
        var registry = new LimitRegistry("sidecar", logger);
        var frames = new FrameQueue(output, options.StdoutQueueFrames, registry);
        var writer = frames.RunWriterAsync();

        // Small pipes: they only carry frames to and from StreamJsonRpc, so waiting writers feel the queue's backpressure.
        var inbound = new Pipe(new PipeOptions(pauseWriterThreshold: 1 << 16, resumeWriterThreshold: 1 << 15));
        var outbound = new Pipe(new PipeOptions(pauseWriterThreshold: 1 << 16, resumeWriterThreshold: 1 << 15));
        var rpc = SidecarJson.CreateRpc(outbound.Writer, inbound.Reader);
        var target = new SidecarTarget(rpc, registry, loggers, options);
        rpc.AddLocalRpcTarget(target, new JsonRpcTargetOptions { DisposeOnDisconnect = false });
        registry.Warning += warning => _ = NotifyWarningAsync(rpc, null, warning);
        var split = SplitAsync(outbound.Reader, frames);
        rpc.StartListening();
        LogStarted(logger, options.StdoutQueueFrames, options.MaxFrameBytes);

        try
        {
            await FilterAsync(input, inbound.Writer, frames, options.MaxFrameBytes, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await inbound.Writer.CompleteAsync().ConfigureAwait(false);
            try
            {
                await rpc.Completion.ConfigureAwait(false);
            }
            catch (Exception e) when (e is ConnectionLostException or OperationCanceledException or IOException)
            {
                LogDisconnected(logger, e.GetType().Name);
            }

            await target.DisposeAsync().ConfigureAwait(false);
            rpc.Dispose();
            await outbound.Writer.CompleteAsync().ConfigureAwait(false);
            await split.ConfigureAwait(false);
            frames.Complete();
            try
            {
                await writer.WaitAsync(DrainTimeout, CancellationToken.None).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                LogUndrained(logger);
            }

            LogStopped(logger);
        }
    }

    /// <summary>Sends <c>vm.limitWarning</c> from the thread pool: the raising thread may be inside a kernel call or the queue itself.</summary>
    internal static Task NotifyWarningAsync(JsonRpc rpc, string? vmId, LimitWarning warning) => Task.Run(async () =>
    {
        try
        {
            await rpc.NotifyWithParameterObjectAsync("vm.limitWarning", new SidecarLimitWarning(
                vmId, warning.Limit, LimitRegistry.CategoryTag(warning.Category), warning.Observed, warning.Capacity, warning.FillPercent, warning.ConfigPath)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ConnectionLostException or ObjectDisposedException)
        {
            // The session is over.
        }
    });

    /// <summary>Reads request lines; valid ones go to StreamJsonRpc, others get an error frame. Memory stays under the frame limit.</summary>
    private static async Task FilterAsync(Stream input, PipeWriter toRpc, FrameQueue frames, int maxFrameBytes, CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(input, new StreamPipeReaderOptions(bufferSize: 1 << 16, leaveOpen: true));
        var skipping = false;
        byte[] skippedPrefix = [];
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            while (TakeLine(ref buffer, out var line))
            {
                if (skipping)
                {
                    skipping = false;
                    await frames.EnqueueAsync(FrameValidator.TooLarge(maxFrameBytes, new(skippedPrefix)), cancellationToken).ConfigureAwait(false);
                }
                else if (line.Length > maxFrameBytes)
                {
                    await frames.EnqueueAsync(FrameValidator.TooLarge(maxFrameBytes, line.Slice(0, maxFrameBytes)), cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await HandleLineAsync(line, toRpc, frames, cancellationToken).ConfigureAwait(false);
                }
            }

            if (result.IsCompleted)
            {
                if (!skipping && buffer.Length > 0 && buffer.Length <= maxFrameBytes)
                {
                    await HandleLineAsync(buffer, toRpc, frames, cancellationToken).ConfigureAwait(false);
                }

                await reader.CompleteAsync().ConfigureAwait(false);
                return;
            }

            if (buffer.Length > maxFrameBytes)
            {
                // An oversized line: keep only its first maxFrameBytes (to answer with its id, if they hold it), drop
                // the rest up to its newline.
                if (!skipping)
                {
                    skippedPrefix = buffer.Slice(0, maxFrameBytes).ToArray();
                }

                skipping = true;
                buffer = buffer.Slice(buffer.End);
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static async ValueTask HandleLineAsync(ReadOnlySequence<byte> line, PipeWriter toRpc, FrameQueue frames, CancellationToken cancellationToken)
    {
        if (IsBlank(line))
        {
            return;
        }

        var error = FrameValidator.Check(line);
        if (error is not null)
        {
            await frames.EnqueueAsync(error, cancellationToken).ConfigureAwait(false);
            return;
        }

        foreach (var segment in line)
        {
            toRpc.Write(segment.Span);
        }

        toRpc.Write("\n"u8);
        await toRpc.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Cuts what StreamJsonRpc writes into one frame per line for the queue.</summary>
    private static async Task SplitAsync(PipeReader fromRpc, FrameQueue frames)
    {
        try
        {
            while (true)
            {
                var result = await fromRpc.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                while (TakeLine(ref buffer, out var line))
                {
                    if (!IsBlank(line))
                    {
                        await frames.EnqueueAsync(line.ToArray()).ConfigureAwait(false);
                    }
                }

                fromRpc.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    return;
                }
            }
        }
        catch (System.Threading.Channels.ChannelClosedException)
        {
            // Stdout is gone; nothing more can be delivered.
        }
        finally
        {
            await fromRpc.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static bool TakeLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        var position = buffer.PositionOf((byte)'\n');
        if (position is null)
        {
            line = default;
            return false;
        }

        line = buffer.Slice(0, position.Value);
        if (line.Length > 0 && line.Slice(line.Length - 1).FirstSpan[0] == '\r')
        {
            line = line.Slice(0, line.Length - 1);
        }

        buffer = buffer.Slice(buffer.GetPosition(1, position.Value));
        return true;
    }

    private static bool IsBlank(ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
        {
            foreach (var b in segment.Span)
            {
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
                {
                    return false;
                }
            }
        }

        return true;
    }

    [LoggerMessage(EventId = 310, Level = LogLevel.Debug, Message = "sidecar started stdout_queue_frames={Frames} max_frame_bytes={MaxFrameBytes}")]
    private static partial void LogStarted(ILogger logger, int frames, int maxFrameBytes);

    [LoggerMessage(EventId = 311, Level = LogLevel.Debug, Message = "sidecar connection ended reason={Reason}")]
    private static partial void LogDisconnected(ILogger logger, string reason);

    [LoggerMessage(EventId = 313, Level = LogLevel.Warning, Message = "sidecar stopped with frames the host did not read")]
    private static partial void LogUndrained(ILogger logger);

    [LoggerMessage(EventId = 312, Level = LogLevel.Debug, Message = "sidecar stopped")]
    private static partial void LogStopped(ILogger logger);
}
