namespace AgentOs.Kernel.Packages;

/// <summary>A package held in memory (tests, embedded packages).</summary>
internal sealed class MemoryPackageSource(ReadOnlyMemory<byte> bytes) : IPackageSource
{
    public long Length => bytes.Length;

    public int Read(long offset, Span<byte> buffer)
    {
        if (offset < 0 || offset >= bytes.Length)
        {
            return 0;
        }

        int count = (int)Math.Min(buffer.Length, bytes.Length - offset);
        bytes.Span.Slice((int)offset, count).CopyTo(buffer);
        return count;
    }
}
