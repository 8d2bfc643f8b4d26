using AgentOs.Kernel.Packages;

namespace AgentOs.Kernel.Tests.Packages;

/// <summary>An in-memory source whose readable bytes can be cut short after validation (a host file that changed).</summary>
internal sealed class ShrinkablePackageSource(byte[] bytes) : IPackageSource
{
    private long _readable = bytes.Length;

    public long Length => bytes.Length;

    public void CutAt(long length) => Volatile.Write(ref _readable, length);

    public int Read(long offset, Span<byte> buffer)
    {
        long readable = Volatile.Read(ref _readable);
        if (offset < 0 || offset >= readable)
        {
            return 0;
        }

        int count = (int)Math.Min(buffer.Length, readable - offset);
        bytes.AsSpan((int)offset, count).CopyTo(buffer);
        return count;
    }
}
