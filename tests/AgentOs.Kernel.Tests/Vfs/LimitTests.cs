using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Threading;
using AgentOs.Kernel.Vfs;

namespace AgentOs.Kernel.Tests.Vfs;

public sealed class LimitTests
{
    private static readonly PathContext Root = VfsHarness.Root;

    [Fact]
    public void WritePastTheCapIsShortThenEnospc()
    {
        var h = new VfsHarness(bytes: 100);
        var file = h.Open("/f", OpenFlags.ReadWrite | OpenFlags.Create);
        Assert.Equal(60, VfsHarness.Write(file, new byte[60]));
        Assert.Equal(Errno.Success, file.Write(new byte[60], WaitContext.Unbounded, out var written));
        Assert.Equal(40, written);
        Assert.Equal(100, h.Bytes.Current);
        Assert.Equal(Errno.ENOSPC, file.Write(new byte[1], WaitContext.Unbounded, out written));
        Assert.Equal(0, written);
        Assert.Equal(100, h.Stat("/f").Size);
        VfsHarness.Close(file);
    }

    [Fact]
    public void WriteWithNoRoomChangesNoByte()
    {
        var h = new VfsHarness(bytes: 10);
        h.WriteFile("/full", "0123456789");
        var file = h.Open("/full", OpenFlags.ReadWrite);
        Assert.Equal(Errno.ENOSPC, file.PWrite("ABCDEFGHIJKL"u8.ToArray(), 10, out var written));
        Assert.Equal(0, written);
        Assert.Equal(Errno.Success, file.Seek(0, SeekWhence.End, out _));
        Assert.Equal(Errno.ENOSPC, file.Write("Z"u8.ToArray(), WaitContext.Unbounded, out _));
        Assert.Equal(Errno.Success, file.Seek(0, SeekWhence.Current, out var position));
        Assert.Equal(10, position);
        VfsHarness.Close(file);

        var append = h.Open("/full", OpenFlags.WriteOnly | OpenFlags.Append);
        Assert.Equal(Errno.ENOSPC, append.Write("Q"u8.ToArray(), WaitContext.Unbounded, out _));
        VfsHarness.Close(append);

        Assert.Equal("0123456789", h.ReadFile("/full"));
        Assert.Equal(10, h.Stat("/full").Size);
        Assert.Equal(10, h.Bytes.Current);
    }

    [Fact]
    public void OverwritingInsideTheFileNeedsNoNewBudget()
    {
        var h = new VfsHarness(bytes: 10);
        h.WriteFile("/full", "0123456789");
        var file = h.Open("/full", OpenFlags.ReadWrite);
        Assert.Equal(Errno.Success, file.PWrite("ab"u8.ToArray(), 3, out var written));
        Assert.Equal(2, written);
        // A write that starts inside but runs past the end is cut at the end (short write).
        Assert.Equal(Errno.Success, file.PWrite("WXYZ"u8.ToArray(), 8, out written));
        Assert.Equal(2, written);
        VfsHarness.Close(file);
        Assert.Equal("012ab567WX", h.ReadFile("/full"));
    }

    [Fact]
    public void DeletingFreesBudgetAtOnceSoARetrySucceeds()
    {
        var h = new VfsHarness(bytes: 100);
        h.WriteFile("/a", new string('a', 80));
        var file = h.Open("/b", OpenFlags.WriteOnly | OpenFlags.Create);
        Assert.Equal(20, VfsHarness.Write(file, new byte[50]));
        Assert.Equal(Errno.ENOSPC, file.Write(new byte[30], WaitContext.Unbounded, out _));

        Assert.Equal(Errno.Success, h.Fs.Unlink(Root, "/a"));
        Assert.Equal(20, h.Bytes.Current);
        Assert.Equal(30, VfsHarness.Write(file, new byte[30]));
        VfsHarness.Close(file);
        Assert.Equal(50, h.Bytes.Current);
    }

    [Fact]
    public void TruncatingFreesBudgetAtOnce()
    {
        var h = new VfsHarness(bytes: 100);
        var file = h.Open("/f", OpenFlags.ReadWrite | OpenFlags.Create);
        Assert.Equal(100, VfsHarness.Write(file, new byte[100]));
        Assert.Equal(Errno.Success, file.Truncate(30));
        Assert.Equal(30, h.Bytes.Current);
        Assert.Equal(Errno.Success, file.PWrite(new byte[70], 30, out var written));
        Assert.Equal(70, written);
        Assert.Equal(Errno.Success, h.Fs.Truncate(Root, "/f", 0));
        Assert.Equal(0, h.Bytes.Current);
        VfsHarness.Close(file);
    }

    [Fact]
    public void TruncateBeyondTheCapFailsAndLeavesTheFileUnchanged()
    {
        var h = new VfsHarness(bytes: 100);
        h.WriteFile("/f", "abc");
        Assert.Equal(Errno.ENOSPC, h.Fs.Truncate(Root, "/f", 101));
        var file = h.Open("/f", OpenFlags.ReadWrite);
        Assert.Equal(Errno.ENOSPC, file.Truncate(1000));
        VfsHarness.Close(file);
        Assert.Equal(3, h.Stat("/f").Size);
        Assert.Equal(3, h.Bytes.Current);
        Assert.Equal(Errno.Success, h.Fs.Truncate(Root, "/f", 100));
        Assert.Equal(100, h.Bytes.Current);
    }

    [Fact]
    public void InodeCapGivesEnospcAndCreatesNothing()
    {
        var h = new VfsHarness(inodes: 3); // "/" plus two
        h.WriteFile("/a", "");
        h.Mkdir("/d");
        Assert.Equal(3, h.Inodes.Current);
        Assert.Equal(Errno.ENOSPC, h.TryOpen("/b", OpenFlags.WriteOnly | OpenFlags.Create));
        Assert.Equal(Errno.ENOSPC, h.Fs.Mkdir(Root, "/e", 0x1ED));
        Assert.Equal(Errno.ENOSPC, h.Fs.Symlink(Root, "/a", "/l"));
        Assert.Equal(["a", "d"], h.Names("/"));
        Assert.Equal(3, h.Inodes.Current);

        // Opening existing files (even with O_CREAT) and hard links need no inode.
        Assert.Equal(Errno.Success, h.TryOpen("/a", OpenFlags.WriteOnly | OpenFlags.Create));
        Assert.Equal(Errno.Success, h.Fs.Link(Root, "/a", "/a2"));

        Assert.Equal(Errno.Success, h.Fs.Rmdir(Root, "/d"));
        Assert.Equal(2, h.Inodes.Current);
        Assert.Equal(Errno.Success, h.TryOpen("/b", OpenFlags.WriteOnly | OpenFlags.Create));
    }

    [Fact]
    public void UnlinkedOpenFileReturnsItsInodeOnlyAfterTheLastClose()
    {
        var h = new VfsHarness(inodes: 2);
        var file = h.Open("/f", OpenFlags.ReadWrite | OpenFlags.Create);
        Assert.Equal(Errno.Success, h.Fs.Unlink(Root, "/f"));
        Assert.Equal(Errno.ENOSPC, h.TryOpen("/g", OpenFlags.WriteOnly | OpenFlags.Create));
        VfsHarness.Close(file);
        Assert.Equal(1, h.Inodes.Current);
        Assert.Equal(Errno.Success, h.TryOpen("/g", OpenFlags.WriteOnly | OpenFlags.Create));
    }

    [Fact]
    public void SymlinkTargetsAreChargedAndFreed()
    {
        var h = new VfsHarness(bytes: 10);
        Assert.Equal(Errno.ENOSPC, h.Fs.Symlink(Root, "/eleven/chr", "/l"));
        Assert.Equal(Errno.ENOENT, h.Fs.Stat(Root, "/l", false, out _));
        Assert.Equal(1, h.Inodes.Current);
        Assert.Equal(Errno.Success, h.Fs.Symlink(Root, "/ten/chars", "/l"));
        Assert.Equal(10, h.Bytes.Current);
        Assert.Equal(Errno.Success, h.Fs.Unlink(Root, "/l"));
        Assert.Equal(0, h.Bytes.Current);
    }

    [Fact]
    public void ConcurrentWritersNeverExceedTheCap()
    {
        var h = new VfsHarness(bytes: 100_000);
        var total = 0L;
        Parallel.For(0, 8, i =>
        {
            var file = h.Open($"/f{i}", OpenFlags.WriteOnly | OpenFlags.Create);
            var chunk = new byte[1000];
            while (file.Write(chunk, WaitContext.Unbounded, out var written) == Errno.Success)
            {
                Interlocked.Add(ref total, written);
            }

            VfsHarness.Close(file);
        });
        Assert.Equal(100_000, total);
        Assert.Equal(100_000, h.Bytes.Current);
        Assert.Equal(100_000, Enumerable.Range(0, 8).Sum(i => h.Stat($"/f{i}").Size));
    }
}
