using System.Threading.Channels;

namespace AgentOs.Orleans;

/// <summary>Copies a guest output stream into a channel of chunks, off the grain's scheduler.</summary>
internal static class OutputPump
{
    public static Task RunAsync(Stream stream, VmOutputKind kind, ChannelWriter<VmOutputChunk> writer) => Task.Run(async () =>
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            await writer.WriteAsync(new VmOutputChunk { Kind = kind, Data = buffer[..read] }).ConfigureAwait(false);
        }
    });
}
