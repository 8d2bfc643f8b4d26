using System.Buffers;

namespace AgentOs;

/// <summary>Reads a process output stream to EOF, keeping at most a limit and dropping (but still draining) the rest.</summary>
internal static class OutputCapture
{
    private const int ChunkBytes = 1 << 16;

    /// <summary>The first <paramref name="limit"/> bytes of <paramref name="stream"/> and whether more followed.</summary>
    public static async Task<(ReadOnlyMemory<byte> Bytes, bool Truncated)> ReadAsync(Stream stream, int limit, CancellationToken cancellationToken)
    {
        var kept = new MemoryStream();
        // Pooled: every command reads two streams, and a fresh 64 KiB chunk each made most of an exec's garbage.
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        var truncated = false;
        try
        {
            int n;
            while ((n = await stream.ReadAsync(chunk.AsMemory(0, ChunkBytes), cancellationToken).ConfigureAwait(false)) > 0)
            {
                var room = (int)Math.Min(n, limit - kept.Length);
                if (room > 0)
                {
                    kept.Write(chunk, 0, room);
                }

                truncated |= room < n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return (kept.GetBuffer().AsMemory(0, (int)kept.Length), truncated);
    }
}
