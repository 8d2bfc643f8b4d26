using AgentOs.Kernel.Ipc;
using AgentOs.Kernel.Threading;
using static AgentOs.Kernel.Tests.Ipc.PipeTestSupport;

namespace AgentOs.Kernel.Tests.Ipc;

public sealed class PipeBlockingTests
{
    [Fact]
    public void ConcurrentPipeBufWritesNeverInterleave()
    {
        const int blocks = 200;

        // A capacity that is no multiple of PIPE_BUF plus odd-sized reads makes writers wait for room often.
        var pipe = new Pipe(10_000);
        Task<int> StartWriter(byte tag) => OnThread(() =>
        {
            var block = new byte[Pipe.PipeBuf];
            Array.Fill(block, tag);
            for (var i = 0; i < blocks; i++)
            {
                Assert.Equal((Errno.Success, Pipe.PipeBuf), Write(pipe.WriteEnd, block));
            }

            return blocks;
        });

        var writers = new[] { StartWriter(0xAA), StartWriter(0x55) };
        var closer = Task.WhenAll(writers).ContinueWith(
            _ =>
            {
                pipe.WriteEnd.Close();
                return true;
            },
            TaskScheduler.Default);

        var data = ReadToEnd(pipe.ReadEnd, 1000);
        Assert.True(Join(closer));
        Assert.All(writers, w => Assert.Equal(blocks, Join(w)));

        Assert.Equal(2 * blocks * Pipe.PipeBuf, data.Length);
        var counts = new Dictionary<byte, int>();
        for (var offset = 0; offset < data.Length; offset += Pipe.PipeBuf)
        {
            var block = data.AsSpan(offset, Pipe.PipeBuf);
            Assert.True(block.IndexOfAnyExcept(block[0]) < 0, $"block at {offset} interleaves writers");
            counts[block[0]] = counts.GetValueOrDefault(block[0]) + 1;
        }

        Assert.Equal(blocks, counts[0xAA]);
        Assert.Equal(blocks, counts[0x55]);
    }

    [Fact]
    public void LargeBlockingWriteArrivesCompleteAndInOrder()
    {
        var pipe = new Pipe();
        var payload = Bytes(1 << 20, seed: 42);

        var writer = OnThread(() =>
        {
            var result = Write(pipe.WriteEnd, payload);
            pipe.WriteEnd.Close();
            return result;
        });
        var received = ReadToEnd(pipe.ReadEnd, 3000);

        Assert.Equal((Errno.Success, payload.Length), Join(writer));
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(payload), System.Security.Cryptography.SHA256.HashData(received));
        Assert.Equal(payload, received);
    }

    [Fact]
    public void WriterBlocksWhileTheBufferIsFullAndResumesWhenTheReaderDrains()
    {
        var pipe = new Pipe(16);
        Assert.Equal((Errno.Success, 16), Write(pipe.WriteEnd, Sequence(0, 16)));

        var writer = OnThread(() => Write(pipe.WriteEnd, Sequence(16, 8)));
        WaitUntil(() => pipe.BlockedWriters == 1);
        Assert.False(writer.IsCompleted);
        Assert.Equal(16, pipe.BufferedBytes);

        Assert.Equal(Sequence(0, 8), Read(pipe.ReadEnd, 8).Data);

        Assert.Equal((Errno.Success, 8), Join(writer));
        Assert.Equal(0, pipe.BlockedWriters);
        Assert.Equal(Sequence(8, 16), Read(pipe.ReadEnd, 64).Data);
    }

    [Fact]
    public void CancelledBlockedReadReturnsEintr()
    {
        var pipe = new Pipe();
        using var kill = new CancellationTokenSource();

        var reader = OnThread(() => Read(pipe.ReadEnd, 8, new WaitContext(kill.Token)));
        WaitUntil(() => pipe.BlockedReaders == 1);
        kill.Cancel();

        Assert.Equal(Errno.EINTR, Join(reader).Errno);
        Assert.Equal(0, pipe.BlockedReaders);
    }

    [Fact]
    public void CancelledBlockedAtomicWriteReturnsEintrAndWritesNothing()
    {
        var pipe = new Pipe(16);
        Assert.Equal((Errno.Success, 12), Write(pipe.WriteEnd, new byte[12]));
        using var kill = new CancellationTokenSource();

        var writer = OnThread(() => Write(pipe.WriteEnd, new byte[8], new WaitContext(kill.Token)));
        WaitUntil(() => pipe.BlockedWriters == 1);
        kill.Cancel();

        Assert.Equal((Errno.EINTR, 0), Join(writer));
        Assert.Equal(12, pipe.BufferedBytes);
    }

    [Fact]
    public void CancelledLargeWriteReturnsTheCountAlreadyWritten()
    {
        // With a 16-byte buffer only writes of up to 16 bytes are atomic; 40 bytes may be split.
        var pipe = new Pipe(16);
        using var kill = new CancellationTokenSource();

        var writer = OnThread(() => Write(pipe.WriteEnd, Sequence(0, 40), new WaitContext(kill.Token)));
        WaitUntil(() => pipe.BlockedWriters == 1);
        kill.Cancel();

        Assert.Equal((Errno.Success, 16), Join(writer));
        Assert.Equal(Sequence(0, 16), Read(pipe.ReadEnd, 64).Data);
    }

    [Fact]
    public void BlockingReadPastTheDeadlineFailsWithEtimedout()
    {
        var pipe = new Pipe();

        Assert.Equal(Errno.ETIMEDOUT, Read(pipe.ReadEnd, 8, new WaitContext(CancellationToken.None, timeoutMs: 20)).Errno);
    }

    [Fact]
    public void BlockingWritePastTheDeadlineFailsWithEtimedout()
    {
        var pipe = new Pipe(16);
        Assert.Equal((Errno.Success, 16), Write(pipe.WriteEnd, new byte[16]));

        Assert.Equal((Errno.ETIMEDOUT, 0), Write(pipe.WriteEnd, [1], new WaitContext(CancellationToken.None, timeoutMs: 20)));
        Assert.Equal(16, pipe.BufferedBytes);
    }
}
