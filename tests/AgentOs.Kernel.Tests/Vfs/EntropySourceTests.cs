using AgentOs.Kernel.Vfs;

namespace AgentOs.Kernel.Tests.Vfs;

public sealed class EntropySourceTests
{
    [Fact]
    public void ALargeRequestIsFilledToItsEnd()
    {
        // 4 MiB: more than one read of the host device may return; every 4 KiB page must have been written.
        var buffer = new byte[4 << 20];

        EntropySource.Fill(buffer);

        for (var page = 0; page < buffer.Length; page += 4096)
        {
            Assert.True(buffer.AsSpan(page, 4096).ContainsAnyExcept((byte)0), $"page at {page} was not filled");
        }
    }

    [Fact]
    public void TwoRequestsDiffer()
    {
        var first = new byte[32];
        var second = new byte[32];

        EntropySource.Fill(first);
        EntropySource.Fill(second);

        Assert.False(first.AsSpan().SequenceEqual(second));
        Assert.True(first.AsSpan().ContainsAnyExcept((byte)0));
    }

    [Fact]
    public void AnEmptyRequestIsANoOp() => EntropySource.Fill([]);
}
