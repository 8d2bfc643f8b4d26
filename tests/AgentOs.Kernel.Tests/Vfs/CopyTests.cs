using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Vfs;

namespace AgentOs.Kernel.Tests.Vfs;

public sealed class CopyTests
{
    private static readonly string Large = string.Concat(Enumerable.Range(0, 20_000).Select(i => (i % 10).ToString(System.Globalization.CultureInfo.InvariantCulture) + "abcdefghi"));

    [Fact]
    public void ACopySharesPagesUntilEitherSideWritesThem()
    {
        var source = new VfsHarness();
        source.Mkdir("/d");
        source.WriteFile("/d/f", Large);
        var target = new VfsHarness();
        Assert.Equal(Errno.Success, source.Fs.CopyInto(target.Fs));
        Assert.Equal(Large, target.ReadFile("/d/f"));

        // In place inside a shared page, at both ends of the file, by each side.
        PWrite(source, "/d/f", "SOURCE", 70_000);
        PWrite(target, "/d/f", "TARGET", 10);
        Assert.Equal(Large[..10] + "TARGET" + Large[16..], target.ReadFile("/d/f"));
        Assert.Equal(Large[..70_000] + "SOURCE" + Large[70_006..], source.ReadFile("/d/f"));
    }

    [Fact]
    public void TruncatingAndAppendingOneSideLeavesTheOtherWhole()
    {
        var source = new VfsHarness();
        source.WriteFile("/f", Large);
        var target = new VfsHarness();
        Assert.Equal(Errno.Success, source.Fs.CopyInto(target.Fs));

        var file = source.Open("/f", OpenFlags.ReadWrite);
        Assert.Equal(Errno.Success, file.Truncate(100));
        Assert.Equal(Errno.Success, file.Truncate(90_000));
        VfsHarness.Close(file);
        var append = target.Open("/f", OpenFlags.WriteOnly | OpenFlags.Append);
        VfsHarness.Write(append, "tail");
        VfsHarness.Close(append);

        Assert.Equal(Large[..100] + new string('\0', 89_900), source.ReadFile("/f"));
        Assert.Equal(Large + "tail", target.ReadFile("/f"));
    }

    [Fact]
    public void ACopyKeepsAttributesHardLinksSymlinksAndDevicesAndChargesTheTarget()
    {
        var source = new VfsHarness();
        source.Mkdir("/d");
        Assert.Equal(Errno.Success, source.Fs.Chmod(VfsHarness.Root, "/d", 0x3FF, follow: false));
        source.WriteFile("/d/f", "12345");
        Assert.Equal(Errno.Success, source.Fs.Chown(VfsHarness.Root, "/d/f", 1000, 1001, follow: false));
        Assert.Equal(Errno.Success, source.Fs.Link(VfsHarness.Root, "/d/f", "/hard"));
        Assert.Equal(Errno.Success, source.Fs.Symlink(VfsHarness.Root, "d/f", "/link"));
        Assert.Equal(Errno.Success, source.Fs.MakeCharDevice(VfsHarness.Root, "/null", CharDevice.Null, 0x1B6));
        Assert.Equal(Errno.Success, source.Fs.SymlinkUncharged("/kernel-made", "/uncharged"));
        var target = new VfsHarness();
        Assert.Equal(Errno.Success, source.Fs.CopyInto(target.Fs));

        var stat = target.Stat("/d/f");
        Assert.Equal((1000u, 1001u, 2ul, source.Stat("/d/f").ModifyTimeNs), (stat.Uid, stat.Gid, stat.LinkCount, stat.ModifyTimeNs));
        Assert.Equal(stat.Inode, target.Stat("/hard").Inode);
        Assert.Equal(0x3FFu, target.Stat("/d").Mode & 0xFFF);
        Assert.Equal("12345", target.ReadFile("/link"));
        Assert.Equal(FileType.CharacterDevice, target.Stat("/null").FileType);
        Assert.Equal(Errno.ENOENT, target.Fs.Stat(VfsHarness.Root, "/uncharged", follow: false, out _));
        Assert.Equal(source.Bytes.Current, target.Bytes.Current);
        Assert.Equal(source.Inodes.Current, target.Inodes.Current);
    }

    [Fact]
    public void ATargetTooSmallIsRefused()
    {
        var source = new VfsHarness();
        source.WriteFile("/f", Large);
        var target = new VfsHarness(bytes: 1000);
        Assert.Equal(Errno.ENOSPC, source.Fs.CopyInto(target.Fs));
    }

    [Fact]
    public void ASnapshotCountsItsTreeAndKeepsItsContentsWhenTheVmChanges()
    {
        var vfs = new VfsHarness();
        vfs.Mkdir("/d");
        vfs.WriteFile("/d/f", Large);
        Assert.Equal(Errno.Success, vfs.Fs.Symlink(VfsHarness.Root, "d/f", "/link"));
        var snapshot = vfs.Fs.Snapshot();
        Assert.Equal(4, snapshot.Inodes);
        Assert.Equal(Large.Length + 3, snapshot.Bytes);

        PWrite(vfs, "/d/f", "CHANGED", 0);
        var copy = (MemoryFileInode)((DirectoryInode)snapshot.Root.Lookup("d")!).Lookup("f")!;
        var bytes = new byte[Large.Length];
        Assert.Equal(Large.Length, copy.Read(0, bytes));
        Assert.Equal(Large, System.Text.Encoding.UTF8.GetString(bytes));
    }

    [Theory]
    [InlineData("../x", Errno.EINVAL)]
    [InlineData("a/./x", Errno.EINVAL)]
    [InlineData("a//x", Errno.EINVAL)]
    [InlineData("missing/x", Errno.ENOENT)]
    [InlineData("link/x", Errno.ENOENT)]
    [InlineData("file/x", Errno.ENOENT)]
    [InlineData("a", Errno.EEXIST)]
    public void TheLoaderOnlyCreatesPlainNamesInDirectoriesItMade(string path, Errno expected)
    {
        var vfs = new VfsHarness();
        var loader = new TreeLoader(vfs.Fs);
        Assert.Equal(Errno.Success, loader.AddDirectory("a", out _));
        Assert.Equal(Errno.Success, loader.AddSymlink("link", "/a", out _));
        Assert.Equal(Errno.Success, loader.AddFile("file", out _));
        Assert.Equal(expected, loader.AddFile(path, out _));
    }

    [Fact]
    public void TheLoaderReservesBeforeItCreates()
    {
        var vfs = new VfsHarness(bytes: 10, inodes: 3);
        var loader = new TreeLoader(vfs.Fs);
        Assert.Equal(Errno.ENOSPC, loader.AddSymlink("long", new string('x', 11), out _));
        Assert.Equal(Errno.Success, loader.AddDirectory("a", out _));
        Assert.Equal(Errno.Success, loader.AddFile("a/f", out _));
        Assert.Equal(Errno.ENOSPC, loader.AddFile("a/g", out _));
        Assert.Equal(Errno.Success, loader.AddHardLink("a/h", "a/f"));
        Assert.Equal(Errno.ENOENT, loader.AddHardLink("a/i", "a"));
        Assert.Equal(["f", "h"], vfs.Names("/a"));
    }

    private static void PWrite(VfsHarness vfs, string path, string text, long offset)
    {
        var file = vfs.Open(path, OpenFlags.ReadWrite);
        Assert.Equal(Errno.Success, file.PWrite(System.Text.Encoding.UTF8.GetBytes(text), offset, out _));
        VfsHarness.Close(file);
    }
}
