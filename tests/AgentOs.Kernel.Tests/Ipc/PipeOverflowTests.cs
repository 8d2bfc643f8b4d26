using AgentOs.Kernel.Ipc;
using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Threading;

namespace AgentOs.Kernel.Tests.Ipc;

public sealed class PipeOverflowTests
{
    private readonly LimitGauge _overflow = new LimitRegistry("t").Register(LimitNames.PipeOverflowBytes, LimitCategory.Memory, 32, "limits.resources.maxPipeOverflowBytes");

    [Fact]
    public async Task GrowingReleasesABlockedWriterAndDrainingReturnsTheBudget()
    {
        var pipe = new Pipe(16);
        Assert.False(pipe.TryGrowForBlockedWriter(_overflow)); // nobody is blocked: nothing to relieve
        var payload = Enumerable.Range(0, 40).Select(i => (byte)i).ToArray();
        var writer = Task.Run(() =>
        {
            var errno = pipe.Write(payload, nonBlocking: false, new WaitContext(CancellationToken.None), out var written);
            return (errno, written);
        });
        SpinWait.SpinUntil(() => pipe.BlockedWriters == 1, TimeSpan.FromSeconds(10));

        Assert.True(pipe.TryGrowForBlockedWriter(_overflow));
        Assert.True(pipe.TryGrowForBlockedWriter(_overflow));
        Assert.False(pipe.TryGrowForBlockedWriter(_overflow)); // the 32-byte budget is spent
        var (errno, written) = await writer.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal((Errno.Success, 40), (errno, written));
        Assert.Equal(48, pipe.Capacity);
        Assert.Equal(32, _overflow.Current);
        var buffer = new byte[64];
        Assert.Equal(Errno.Success, pipe.Read(buffer, nonBlocking: true, default, out var read));
        Assert.Equal(payload, buffer[..read]);
        Assert.Equal(16, pipe.Capacity);
        Assert.Equal(0, _overflow.Current);
    }
}
