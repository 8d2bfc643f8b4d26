using AgentOs.Kernel.Ipc;
using static AgentOs.Kernel.Tests.Ipc.PipeTestSupport;

namespace AgentOs.Kernel.Tests.Ipc;

public sealed class PipeAsyncTests
{
    [Fact]
    public async Task PendingReadAsyncCompletesWhenAGuestWrites()
    {
        var pipe = new Pipe();
        var buffer = new byte[16];

        var read = pipe.ReadEnd.ReadAsync(buffer);
        Assert.False(read.IsCompleted);
        Assert.True(pipe.HasAsyncReader);

        Assert.Equal((Errno.Success, 3), Write(pipe.WriteEnd, "abc"u8.ToArray()));

        Assert.Equal(3, await read.AsTask().WaitAsync(Generous));
        Assert.Equal("abc"u8.ToArray(), buffer[..3]);
    }

    [Fact]
    public async Task WriteAsyncWaitsForRoomAndAGuestReaderReceivesEverythingInOrder()
    {
        var pipe = new Pipe(4096);
        var payload = Bytes(256 * 1024, seed: 7);

        var write = pipe.WriteEnd.WriteAsync(payload);
        Assert.False(write.IsCompleted);
        Assert.True(pipe.HasAsyncWriter);
        Assert.Equal(4096, pipe.BufferedBytes);

        var reader = OnThread(() => ReadToEnd(pipe.ReadEnd, 1500));
        Assert.Equal(payload.Length, await write.AsTask().WaitAsync(Generous));
        pipe.WriteEnd.Close();

        Assert.Equal(payload, Join(reader));
    }

    [Fact]
    public async Task ReadAsyncReceivesAGuestWritersStreamUntilEof()
    {
        var pipe = new Pipe();
        var payload = Bytes(1 << 20, seed: 9);
        var writer = OnThread(() =>
        {
            for (var offset = 0; offset < payload.Length; offset += 65536)
            {
                Assert.Equal(Errno.Success, pipe.WriteEnd.Write(payload.AsSpan(offset, 65536), Forever, out _));
            }

            pipe.WriteEnd.Close();
            return true;
        });

        var received = new MemoryStream();
        var buffer = new byte[5000];
        int read;
        while ((read = await pipe.ReadEnd.ReadAsync(buffer).AsTask().WaitAsync(Generous)) > 0)
        {
            received.Write(buffer, 0, read);
        }

        Assert.True(Join(writer));
        Assert.Equal(payload, received.ToArray());
    }

    [Fact]
    public async Task HostWriteWakesABlockedGuestReader()
    {
        var pipe = new Pipe();
        var reader = OnThread(() => Read(pipe.ReadEnd, 16));
        WaitUntil(() => pipe.BlockedReaders == 1);

        Assert.Equal(2, await pipe.WriteEnd.WriteAsync("hi"u8.ToArray()));

        var (errno, data) = Join(reader);
        Assert.Equal(Errno.Success, errno);
        Assert.Equal("hi"u8.ToArray(), data);
    }

    [Fact]
    public async Task HostReadWakesABlockedGuestWriter()
    {
        var pipe = new Pipe(16);
        Assert.Equal((Errno.Success, 16), Write(pipe.WriteEnd, Sequence(0, 16)));
        var writer = OnThread(() => Write(pipe.WriteEnd, Sequence(16, 8)));
        WaitUntil(() => pipe.BlockedWriters == 1);

        var buffer = new byte[8];
        Assert.Equal(8, await pipe.ReadEnd.ReadAsync(buffer));

        Assert.Equal((Errno.Success, 8), Join(writer));
        Assert.Equal(Sequence(0, 8), buffer);
        Assert.Equal(Sequence(8, 16), Read(pipe.ReadEnd, 64).Data);
    }

    [Fact]
    public async Task CancelledReadAsyncThrowsAndConsumesNothing()
    {
        var pipe = new Pipe();
        using var cts = new CancellationTokenSource();
        var read = pipe.ReadEnd.ReadAsync(new byte[8], cts.Token);
        Assert.False(read.IsCompleted);

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.AsTask().WaitAsync(Generous));

        Assert.Equal((Errno.Success, 3), Write(pipe.WriteEnd, [1, 2, 3]));
        var buffer = new byte[8];
        Assert.Equal(3, await pipe.ReadEnd.ReadAsync(buffer));
        Assert.Equal([1, 2, 3], buffer[..3]);
    }

    [Fact]
    public async Task CancelledWriteAsyncThrowsAndPlacesNothing()
    {
        var pipe = new Pipe(16);
        Assert.Equal((Errno.Success, 16), Write(pipe.WriteEnd, Sequence(0, 16)));
        using var cts = new CancellationTokenSource();
        var write = pipe.WriteEnd.WriteAsync(Sequence(16, 8), cts.Token);
        Assert.False(write.IsCompleted);

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => write.AsTask().WaitAsync(Generous));

        Assert.Equal(Sequence(0, 16), Read(pipe.ReadEnd, 64).Data);
        Assert.Equal(0, pipe.BufferedBytes);
    }

    [Fact]
    public async Task WriteAsyncCancelledAfterPlacingSomeBytesReturnsTheirCount()
    {
        var pipe = new Pipe(16);
        using var cts = new CancellationTokenSource();
        var write = pipe.WriteEnd.WriteAsync(Sequence(0, 40), cts.Token);
        Assert.False(write.IsCompleted);
        Assert.Equal(16, pipe.BufferedBytes);

        await cts.CancelAsync();

        Assert.Equal(16, await write.AsTask().WaitAsync(Generous));
        Assert.Equal(Sequence(0, 16), Read(pipe.ReadEnd, 64).Data);
    }

    [Fact]
    public async Task WriteAsyncStopsShortWhenTheReaderCloses()
    {
        var pipe = new Pipe(16);
        var write = pipe.WriteEnd.WriteAsync(new byte[40]);
        Assert.False(write.IsCompleted);

        pipe.ReadEnd.Close();

        Assert.Equal(16, await write.AsTask().WaitAsync(Generous));
        Assert.Equal(0, await pipe.WriteEnd.WriteAsync(new byte[4]));
    }

    [Fact]
    public async Task ReadAsyncReturnsZeroAtEofAndClosedEndsThrow()
    {
        var pipe = new Pipe();
        var read = pipe.ReadEnd.ReadAsync(new byte[8]);
        pipe.WriteEnd.Close();

        Assert.Equal(0, await read.AsTask().WaitAsync(Generous));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await pipe.WriteEnd.WriteAsync(new byte[1]));
        pipe.ReadEnd.Close();
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await pipe.ReadEnd.ReadAsync(new byte[1]));
    }
}
