using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Ipc;
using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Vfs;
using static AgentOs.Kernel.Tests.Ipc.PipeTestSupport;

namespace AgentOs.Kernel.Tests.Ipc;

public sealed class PipeSemanticsTests
{
    private readonly LimitGauge _openFds = new LimitRegistry("t").Register(LimitNames.OpenFds, LimitCategory.Resource, 64, "limits.resources.maxOpenFds");

    [Fact]
    public void EofOnlyAfterTheLastCopyOfTheWriterClosesAcrossDupAndSpawn()
    {
        var pipe = new Pipe();
        var parent = new FdTable(_openFds, 16);
        Assert.Equal(Errno.Success, parent.AddPair(pipe.ReadEnd, pipe.WriteEnd, FdFlags.None, out var r, out var w));
        Assert.Equal(Errno.Success, parent.Dup(w, out var w2));
        Assert.Equal(Errno.Success, parent.Fork(out var child));
        Assert.Equal(Errno.Success, pipe.ReadEnd.SetStatusFlags(OpenFlags.NonBlock));

        Assert.Equal(Errno.Success, child.Get(w, out var childWriter));
        Assert.Equal((Errno.Success, 2), Write(childWriter, "hi"u8.ToArray()));
        Assert.Equal(Errno.Success, parent.Close(w));
        Assert.Equal(Errno.Success, parent.Close(w2));
        Assert.Equal(Errno.Success, child.Close(r));

        var (errno, data) = Read(pipe.ReadEnd, 16);
        Assert.Equal(Errno.Success, errno);
        Assert.Equal("hi"u8.ToArray(), data);
        Assert.Equal(Errno.EAGAIN, Read(pipe.ReadEnd, 16).Errno);
        Assert.Equal(PollEvents.None, pipe.ReadEnd.Poll());

        // The child inherited both write descriptors; the dup is the last copy.
        Assert.Equal(Errno.Success, child.Close(w));
        Assert.Equal(Errno.EAGAIN, Read(pipe.ReadEnd, 16).Errno);
        Assert.Equal(1, pipe.WriteEnd.References);

        Assert.Equal(Errno.Success, child.Close(w2));

        var (eofErrno, eof) = Read(pipe.ReadEnd, 16);
        Assert.Equal(Errno.Success, eofErrno);
        Assert.Empty(eof);
        Assert.Equal(PollEvents.In | PollEvents.Hup, pipe.ReadEnd.Poll());
    }

    [Fact]
    public void BufferedBytesAreStillReadableAfterTheWriterCloses()
    {
        var pipe = new Pipe();
        Assert.Equal((Errno.Success, 3), Write(pipe.WriteEnd, "abc"u8.ToArray()));
        pipe.WriteEnd.Close();

        Assert.Equal(PollEvents.In | PollEvents.Hup, pipe.ReadEnd.Poll());
        Assert.Equal("abc"u8.ToArray(), ReadToEnd(pipe.ReadEnd, 2));
    }

    [Fact]
    public void BlockedReaderWakesWithEofWhenTheLastWriterCloses()
    {
        var pipe = new Pipe();
        var table = new FdTable(_openFds, 16);
        Assert.Equal(Errno.Success, table.AddPair(pipe.ReadEnd, pipe.WriteEnd, FdFlags.None, out _, out var w));

        var reader = OnThread(() => Read(pipe.ReadEnd, 16));
        WaitUntil(() => pipe.BlockedReaders == 1);
        Assert.False(reader.IsCompleted);

        Assert.Equal(Errno.Success, table.Close(w));

        var (errno, data) = Join(reader);
        Assert.Equal(Errno.Success, errno);
        Assert.Empty(data);
    }

    [Fact]
    public void WriteWithNoReaderFailsWithEpipe()
    {
        var pipe = new Pipe();
        var table = new FdTable(_openFds, 16);
        Assert.Equal(Errno.Success, table.AddPair(pipe.ReadEnd, pipe.WriteEnd, FdFlags.None, out var r, out var w));
        Assert.Equal(Errno.Success, table.Dup(r, out var r2));

        Assert.Equal(Errno.Success, table.Close(r));
        Assert.Equal((Errno.Success, 1), Write(pipe.WriteEnd, [1]));

        Assert.Equal(Errno.Success, table.Close(r2));
        Assert.Equal((Errno.EPIPE, 0), Write(pipe.WriteEnd, [1]));
        Assert.Equal(PollEvents.Out | PollEvents.Err, pipe.WriteEnd.Poll());
        Assert.Equal(0, pipe.BufferedBytes);
    }

    [Fact]
    public void BlockedWriterGetsEpipeWhenTheReaderCloses()
    {
        var pipe = new Pipe(16);
        Assert.Equal((Errno.Success, 16), Write(pipe.WriteEnd, new byte[16]));

        var writer = OnThread(() => Write(pipe.WriteEnd, new byte[8]));
        WaitUntil(() => pipe.BlockedWriters == 1);
        pipe.ReadEnd.Close();

        Assert.Equal((Errno.EPIPE, 0), Join(writer));
    }

    [Fact]
    public void NonBlockingReadFailsWithEagainOnlyWhileAWriterIsOpen()
    {
        var pipe = new Pipe();
        Assert.Equal(Errno.Success, pipe.ReadEnd.SetStatusFlags(OpenFlags.NonBlock));

        Assert.Equal(Errno.EAGAIN, Read(pipe.ReadEnd, 8).Errno);
        Assert.Equal((Errno.Success, 2), Write(pipe.WriteEnd, [7, 8]));
        Assert.Equal([7, 8], Read(pipe.ReadEnd, 8).Data);
        Assert.Equal(Errno.EAGAIN, Read(pipe.ReadEnd, 8).Errno);

        pipe.WriteEnd.Close();
        var (errno, data) = Read(pipe.ReadEnd, 8);
        Assert.Equal(Errno.Success, errno);
        Assert.Empty(data);
    }

    [Fact]
    public void NonBlockingAtomicWriteThatDoesNotFitFailsWithEagainAndWritesNothing()
    {
        var pipe = new Pipe(16);
        Assert.Equal(Errno.Success, pipe.WriteEnd.SetStatusFlags(OpenFlags.NonBlock));
        Assert.Equal((Errno.Success, 10), Write(pipe.WriteEnd, Sequence(0, 10)));

        Assert.Equal((Errno.EAGAIN, 0), Write(pipe.WriteEnd, Sequence(100, 8)));
        Assert.Equal(10, pipe.BufferedBytes);

        Assert.Equal((Errno.Success, 6), Write(pipe.WriteEnd, Sequence(10, 6)));
        Assert.Equal((Errno.EAGAIN, 0), Write(pipe.WriteEnd, [1]));
        Assert.Equal(Sequence(0, 16), Read(pipe.ReadEnd, 32).Data);
    }

    [Fact]
    public void NonBlockingWriteLargerThanPipeBufWritesWhatFits()
    {
        var pipe = new Pipe();
        Assert.Equal(Errno.Success, pipe.WriteEnd.SetStatusFlags(OpenFlags.NonBlock));
        Assert.Equal((Errno.Success, 60000), Write(pipe.WriteEnd, new byte[60000]));

        Assert.Equal((Errno.Success, Pipe.DefaultCapacity - 60000), Write(pipe.WriteEnd, new byte[8192]));
        Assert.Equal(Pipe.DefaultCapacity, pipe.BufferedBytes);
        Assert.Equal((Errno.EAGAIN, 0), Write(pipe.WriteEnd, new byte[8192]));
    }

    [Fact]
    public void ReadReturnsWhatIsAvailableWithoutWaitingForAFullRequest()
    {
        var pipe = new Pipe();
        Assert.Equal((Errno.Success, 3), Write(pipe.WriteEnd, [1, 2, 3]));

        Assert.Equal([1, 2, 3], Read(pipe.ReadEnd, 1000).Data);
    }

    [Fact]
    public void DataWrapsAroundTheRingInOrder()
    {
        var pipe = new Pipe(10);
        Assert.Equal((Errno.Success, 7), Write(pipe.WriteEnd, Sequence(0, 7)));
        Assert.Equal(Sequence(0, 5), Read(pipe.ReadEnd, 5).Data);
        Assert.Equal((Errno.Success, 8), Write(pipe.WriteEnd, Sequence(7, 8)));

        Assert.Equal(Sequence(5, 10), Read(pipe.ReadEnd, 32).Data);
    }

    [Fact]
    public void ZeroLengthReadsAndWritesReturnZero()
    {
        var pipe = new Pipe();
        Assert.Equal((Errno.Success, 0), Write(pipe.WriteEnd, []));
        var (errno, data) = Read(pipe.ReadEnd, 0);
        Assert.Equal(Errno.Success, errno);
        Assert.Empty(data);
    }

    [Fact]
    public void EndsEnforceTheirAccessModeAndDoNotSeek()
    {
        var pipe = new Pipe();
        Assert.Equal(OpenFlags.ReadOnly, pipe.ReadEnd.StatusFlags & OpenFlags.AccessModeMask);
        Assert.Equal(OpenFlags.WriteOnly, pipe.WriteEnd.StatusFlags & OpenFlags.AccessModeMask);
        Assert.Equal(Errno.EBADF, Write(pipe.ReadEnd, [1]).Errno);
        Assert.Equal(Errno.EBADF, Read(pipe.WriteEnd, 1).Errno);
        Assert.Equal(Errno.ESPIPE, pipe.ReadEnd.Seek(0, SeekWhence.Set, out _));
    }

    [Fact]
    public void StatReportsAFifoWithBufferedSizeAndOneInodePerPipe()
    {
        var pipe = new Pipe();
        var other = new Pipe();
        Assert.Equal((Errno.Success, 5), Write(pipe.WriteEnd, new byte[5]));

        Assert.Equal(Errno.Success, pipe.ReadEnd.Stat(out var readStat));
        Assert.Equal(Errno.Success, pipe.WriteEnd.Stat(out var writeStat));
        Assert.Equal(Errno.Success, other.ReadEnd.Stat(out var otherStat));

        Assert.Equal(FileType.Fifo, pipe.ReadEnd.FileType);
        Assert.Equal(FileType.Fifo, readStat.FileType);
        Assert.Equal(ModeBits.Fifo | 0x180u, readStat.Mode);
        Assert.Equal(5, readStat.Size);
        Assert.Equal(readStat.Inode, writeStat.Inode);
        Assert.NotEqual(readStat.Inode, otherStat.Inode);
    }

    [Fact]
    public void PollReportsReadabilityWritabilityHangupAndError()
    {
        var pipe = new Pipe(8192);
        Assert.Equal(PollEvents.None, pipe.ReadEnd.Poll());
        Assert.Equal(PollEvents.Out, pipe.WriteEnd.Poll());

        Assert.Equal((Errno.Success, 1), Write(pipe.WriteEnd, [1]));
        Assert.Equal(PollEvents.In, pipe.ReadEnd.Poll());
        Assert.Equal(PollEvents.Out, pipe.WriteEnd.Poll());

        // 4095 bytes free: less than PIPE_BUF, so an atomic write could block.
        Assert.Equal((Errno.Success, 4096), Write(pipe.WriteEnd, new byte[4096]));
        Assert.Equal(PollEvents.None, pipe.WriteEnd.Poll());

        pipe.WriteEnd.Close();
        Assert.Equal(PollEvents.In | PollEvents.Hup, pipe.ReadEnd.Poll());

        var orphan = new Pipe();
        orphan.ReadEnd.Close();
        Assert.Equal(PollEvents.Out | PollEvents.Err, orphan.WriteEnd.Poll());
    }

    [Fact]
    public void ReadinessChangedFiresWhenAnEndBecomesReadyOrNotReady()
    {
        var pipe = new Pipe(8192);
        var readEvents = 0;
        var writeEvents = 0;
        pipe.ReadEnd.ReadinessChanged += () => readEvents++;
        pipe.WriteEnd.ReadinessChanged += () => writeEvents++;

        Assert.Equal((Errno.Success, 1), Write(pipe.WriteEnd, [1]));
        Assert.Equal((1, 0), (readEvents, writeEvents));

        Assert.Equal((Errno.Success, 1), Write(pipe.WriteEnd, [2]));
        Assert.Equal((1, 0), (readEvents, writeEvents));

        Assert.Equal((Errno.Success, 4096), Write(pipe.WriteEnd, new byte[4096]));
        Assert.Equal((1, 1), (readEvents, writeEvents));

        Assert.Equal(4098, Read(pipe.ReadEnd, 8192).Data.Length);
        Assert.Equal((2, 2), (readEvents, writeEvents));

        pipe.WriteEnd.Close();
        Assert.Equal(3, readEvents);
    }
}
