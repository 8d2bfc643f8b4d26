using System.Text;
using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Threading;
using AgentOs.Kernel.Vfs;

namespace AgentOs.Kernel.Tests.Vfs;

public sealed class FileIoTests
{
    private const OpenFlags CreateRw = OpenFlags.ReadWrite | OpenFlags.Create;

    [Fact]
    public void WriteThenReadBackThroughANewDescription()
    {
        var h = new VfsHarness();
        h.WriteFile("/f", "hello world");
        Assert.Equal("hello world", h.ReadFile("/f"));
        Assert.Equal(11, h.Stat("/f").Size);
        Assert.Equal(FileType.RegularFile, h.Stat("/f").FileType);
    }

    [Fact]
    public void AppendWritesAlwaysGoToTheEndEvenAfterSeek()
    {
        var h = new VfsHarness();
        h.WriteFile("/log", "abc");
        var file = h.Open("/log", OpenFlags.ReadWrite | OpenFlags.Append);
        Assert.Equal(Errno.Success, file.Seek(0, SeekWhence.Set, out _));
        VfsHarness.Write(file, "def");
        Assert.Equal(Errno.Success, file.Seek(0, SeekWhence.Current, out var position));
        Assert.Equal(6, position);
        Assert.Equal(Errno.Success, file.PWrite("X"u8.ToArray(), 0, out _));
        VfsHarness.Close(file);
        Assert.Equal("abcdefX", h.ReadFile("/log"));
    }

    [Fact]
    public void ConcurrentAppendersThroughSeparateDescriptionsLoseNothing()
    {
        var h = new VfsHarness();
        h.WriteFile("/log", "");
        const int Threads = 8, Records = 200;
        Parallel.For(0, Threads, t =>
        {
            var file = h.Open("/log", OpenFlags.WriteOnly | OpenFlags.Append);
            var record = Encoding.ASCII.GetBytes($"{t}:0123456789\n");
            for (var i = 0; i < Records; i++)
            {
                Assert.Equal(record.Length, VfsHarness.Write(file, record));
            }

            VfsHarness.Close(file);
        });
        var lines = h.ReadFile("/log").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Threads * Records, lines.Length);
        Assert.All(lines, line => Assert.Matches(@"^\d:0123456789$", line));
    }

    [Fact]
    public void PreadAndPwriteDoNotMoveTheOffset()
    {
        var h = new VfsHarness();
        var file = h.Open("/f", CreateRw);
        VfsHarness.Write(file, "0123456789");
        Assert.Equal(Errno.Success, file.PWrite("AB"u8.ToArray(), 2, out var written));
        Assert.Equal(2, written);
        var buffer = new byte[4];
        Assert.Equal(Errno.Success, file.PRead(buffer, 1, out var read));
        Assert.Equal("1AB4", Encoding.ASCII.GetString(buffer, 0, read));
        Assert.Equal(Errno.Success, file.Seek(0, SeekWhence.Current, out var position));
        Assert.Equal(10, position);
        Assert.Equal(Errno.EINVAL, file.PRead(buffer, -1, out _));
        VfsHarness.Close(file);
    }

    [Fact]
    public void SeekSupportsSetCurrentEndAndRejectsNegativePositions()
    {
        var h = new VfsHarness();
        var file = h.Open("/f", CreateRw);
        VfsHarness.Write(file, "0123456789");
        Assert.Equal(Errno.Success, file.Seek(-3, SeekWhence.End, out var position));
        Assert.Equal(7, position);
        var buffer = new byte[10];
        Assert.Equal(Errno.Success, file.Read(buffer, WaitContext.Unbounded, out var read));
        Assert.Equal("789", Encoding.ASCII.GetString(buffer, 0, read));
        Assert.Equal(Errno.Success, file.Seek(-5, SeekWhence.Current, out position));
        Assert.Equal(5, position);
        Assert.Equal(Errno.EINVAL, file.Seek(-6, SeekWhence.Current, out _));
        Assert.Equal(Errno.Success, file.Seek(0, SeekWhence.Current, out position));
        Assert.Equal(5, position);
        VfsHarness.Close(file);
    }

    [Fact]
    public void ReadsAtOrPastEndOfFileReturnZero()
    {
        var h = new VfsHarness();
        var file = h.Open("/f", CreateRw);
        VfsHarness.Write(file, "abc");
        var buffer = new byte[8];
        Assert.Equal(Errno.Success, file.Read(buffer, WaitContext.Unbounded, out var read));
        Assert.Equal(0, read);
        Assert.Equal(Errno.Success, file.PRead(buffer, 1000, out read));
        Assert.Equal(0, read);
        VfsHarness.Close(file);
    }

    [Fact]
    public void WritingPastEndLeavesAHoleThatReadsAsZeros()
    {
        var h = new VfsHarness();
        var file = h.Open("/sparse", CreateRw);
        const long Offset = 200_000; // spans several pages
        Assert.Equal(Errno.Success, file.PWrite("end"u8.ToArray(), Offset, out _));
        Assert.Equal(Offset + 3, h.Stat("/sparse").Size);
        var buffer = new byte[Offset + 3];
        Assert.Equal(Errno.Success, file.PRead(buffer, 0, out var read));
        Assert.Equal(buffer.Length, read);
        Assert.All(buffer.AsSpan(0, (int)Offset).ToArray(), b => Assert.Equal(0, b));
        Assert.Equal("end", Encoding.ASCII.GetString(buffer, (int)Offset, 3));
        VfsHarness.Close(file);
    }

    [Fact]
    public void LargeWritesCrossPagesAndReadBackExactly()
    {
        var h = new VfsHarness();
        var data = new byte[300_001];
        new Random(7).NextBytes(data);
        var file = h.Open("/big", CreateRw);
        Assert.Equal(data.Length, VfsHarness.Write(file, data));
        var back = new byte[data.Length + 10];
        Assert.Equal(Errno.Success, file.PRead(back, 0, out var read));
        Assert.Equal(data.Length, read);
        Assert.Equal(data, back[..read]);
        VfsHarness.Close(file);
    }

    [Fact]
    public void TruncateShrinksAndGrowingAgainReadsZeros()
    {
        var h = new VfsHarness();
        var file = h.Open("/f", CreateRw);
        VfsHarness.Write(file, "abcdefgh");
        Assert.Equal(Errno.Success, file.Truncate(3));
        Assert.Equal(Errno.Success, file.Truncate(6));
        var buffer = new byte[10];
        Assert.Equal(Errno.Success, file.PRead(buffer, 0, out var read));
        Assert.Equal(6, read);
        Assert.Equal(new byte[] { (byte)'a', (byte)'b', (byte)'c', 0, 0, 0 }, buffer[..6]);
        Assert.Equal(Errno.EINVAL, file.Truncate(-1));
        VfsHarness.Close(file);

        Assert.Equal(Errno.Success, h.Fs.Truncate(VfsHarness.Root, "/f", 1));
        Assert.Equal("a", h.ReadFile("/f"));
        Assert.Equal(Errno.EISDIR, h.Fs.Truncate(VfsHarness.Root, "/", 0));
    }

    [Fact]
    public void FtruncateOnAReadOnlyDescriptionIsInvalid()
    {
        var h = new VfsHarness();
        h.WriteFile("/f", "abc");
        var file = h.Open("/f", OpenFlags.ReadOnly);
        Assert.Equal(Errno.EINVAL, file.Truncate(0));
        Assert.Equal(Errno.EBADF, file.Write("x"u8.ToArray(), WaitContext.Unbounded, out _));
        VfsHarness.Close(file);
    }

    [Fact]
    public void OpenWithTruncEmptiesTheFile()
    {
        var h = new VfsHarness();
        h.WriteFile("/f", "content");
        VfsHarness.Close(h.Open("/f", OpenFlags.WriteOnly | OpenFlags.Truncate));
        Assert.Equal(0, h.Stat("/f").Size);
    }

    [Fact]
    public void UnlinkedOpenFileStaysReadableAndWritableUntilLastClose()
    {
        var h = new VfsHarness();
        h.WriteFile("/f", "keep");
        var file = h.Open("/f", OpenFlags.ReadWrite);
        var inodesBefore = h.Inodes.Current;
        Assert.Equal(Errno.Success, h.Fs.Unlink(VfsHarness.Root, "/f"));
        Assert.Equal(Errno.ENOENT, h.Fs.Stat(VfsHarness.Root, "/f", true, out _));
        Assert.Equal(inodesBefore, h.Inodes.Current);

        Assert.Equal("keep", VfsHarness.ReadToEnd(file));
        VfsHarness.Write(file, "+more");
        Assert.Equal(Errno.Success, file.Stat(out var stat));
        Assert.Equal(0ul, stat.LinkCount);
        Assert.Equal(9, stat.Size);
        Assert.Equal(9, h.Bytes.Current);

        VfsHarness.Close(file);
        Assert.Equal(inodesBefore - 1, h.Inodes.Current);
        Assert.Equal(0, h.Bytes.Current);
    }

    [Fact]
    public void WritesUpdateMtimeAndCtimeAndChmodUpdatesOnlyCtime()
    {
        var clock = new ManualTimeProvider();
        var h = new VfsHarness(time: clock);
        h.WriteFile("/f", "a");
        clock.Now += TimeSpan.FromSeconds(10);
        var file = h.Open("/f", OpenFlags.WriteOnly);
        VfsHarness.Write(file, "b");
        VfsHarness.Close(file);
        var afterWrite = h.Stat("/f");
        Assert.Equal(clock.NowNs, afterWrite.ModifyTimeNs);
        Assert.Equal(clock.NowNs, afterWrite.ChangeTimeNs);

        clock.Now += TimeSpan.FromSeconds(10);
        Assert.Equal(Errno.Success, h.Fs.Chmod(VfsHarness.Root, "/f", 0x180, follow: true));
        var afterChmod = h.Stat("/f");
        Assert.Equal(afterWrite.ModifyTimeNs, afterChmod.ModifyTimeNs);
        Assert.Equal(clock.NowNs, afterChmod.ChangeTimeNs);
        Assert.Equal(ModeBits.Regular | 0x180u, afterChmod.Mode);
    }

    [Fact]
    public void ReadsUpdateAtimeOnly()
    {
        var clock = new ManualTimeProvider();
        var h = new VfsHarness(time: clock);
        h.WriteFile("/f", "abc");
        var written = h.Stat("/f");
        clock.Now += TimeSpan.FromSeconds(3);
        Assert.Equal("abc", h.ReadFile("/f"));
        var read = h.Stat("/f");
        Assert.Equal(clock.NowNs, read.AccessTimeNs);
        Assert.Equal(written.ModifyTimeNs, read.ModifyTimeNs);
        Assert.Equal(written.ChangeTimeNs, read.ChangeTimeNs);
    }

    [Fact]
    public void SetTimesSetsExplicitValuesAndNow()
    {
        var clock = new ManualTimeProvider();
        var h = new VfsHarness(time: clock);
        h.WriteFile("/f", "a");
        Assert.Equal(Errno.Success, h.Fs.SetTimes(VfsHarness.Root, "/f", 1_000, null, follow: true));
        var stat = h.Stat("/f");
        Assert.Equal(1_000, stat.AccessTimeNs);
        Assert.Equal(clock.NowNs, stat.ModifyTimeNs);
        clock.Now += TimeSpan.FromSeconds(5);
        Assert.Equal(Errno.Success, h.Fs.SetTimes(VfsHarness.Root, "/f", null, VirtualFileSystem.TimeNow, follow: true));
        stat = h.Stat("/f");
        Assert.Equal(1_000, stat.AccessTimeNs);
        Assert.Equal(clock.NowNs, stat.ModifyTimeNs);
    }

    [Fact]
    public void ExistingFileOpenedForWriteIsNotRecreated()
    {
        var h = new VfsHarness();
        h.WriteFile("/f", "abc");
        var ino = h.Stat("/f").Inode;
        var file = h.Open("/f", OpenFlags.WriteOnly | OpenFlags.Create);
        VfsHarness.Write(file, "X");
        VfsHarness.Close(file);
        Assert.Equal(ino, h.Stat("/f").Inode);
        Assert.Equal("Xbc", h.ReadFile("/f"));
    }
}
