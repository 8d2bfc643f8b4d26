using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Vfs;

namespace AgentOs.Kernel.Tests.Vfs;

public sealed class NamespaceTests
{
    private static readonly PathContext Root = VfsHarness.Root;

    [Fact]
    public void RenameOverAnExistingFileReplacesItAndFreesTheOldInode()
    {
        var h = new VfsHarness();
        h.WriteFile("/a", "new");
        h.WriteFile("/b", "old!");
        var inodes = h.Inodes.Current;
        var ino = h.Stat("/a").Inode;

        Assert.Equal(Errno.Success, h.Fs.Rename(Root, "/a", "/b"));

        Assert.Equal(Errno.ENOENT, h.Fs.Stat(Root, "/a", true, out _));
        Assert.Equal(ino, h.Stat("/b").Inode);
        Assert.Equal("new", h.ReadFile("/b"));
        Assert.Equal(inodes - 1, h.Inodes.Current);
        Assert.Equal(3, h.Bytes.Current);
    }

    [Fact]
    public void RenameOverAFileThatIsStillOpenKeepsItsDataForTheReader()
    {
        var h = new VfsHarness();
        h.WriteFile("/a", "new");
        h.WriteFile("/b", "old");
        var reader = h.Open("/b", OpenFlags.ReadOnly);
        Assert.Equal(Errno.Success, h.Fs.Rename(Root, "/a", "/b"));
        Assert.Equal("old", VfsHarness.ReadToEnd(reader));
        VfsHarness.Close(reader);
        Assert.Equal(3, h.Bytes.Current);
    }

    [Fact]
    public void RenameDirectoryRules()
    {
        var h = new VfsHarness();
        h.Mkdir("/d");
        h.Mkdir("/d/sub");
        h.Mkdir("/empty");
        h.Mkdir("/full");
        h.WriteFile("/full/x", "x");
        h.WriteFile("/file", "f");

        Assert.Equal(Errno.EINVAL, h.Fs.Rename(Root, "/d", "/d/sub/inside"));
        Assert.Equal(Errno.EINVAL, h.Fs.Rename(Root, "/d", "/d/new"));
        Assert.Equal(Errno.ENOTEMPTY, h.Fs.Rename(Root, "/d", "/full"));
        Assert.Equal(Errno.ENOTDIR, h.Fs.Rename(Root, "/d", "/file"));
        Assert.Equal(Errno.EISDIR, h.Fs.Rename(Root, "/file", "/empty"));
        Assert.Equal(Errno.ENOTDIR, h.Fs.Rename(Root, "/file", "/newname/"));
        Assert.Equal(Errno.EBUSY, h.Fs.Rename(Root, "/d/.", "/x"));
        Assert.Equal(Errno.ENOENT, h.Fs.Rename(Root, "/missing", "/x"));

        Assert.Equal(Errno.Success, h.Fs.Rename(Root, "/d", "/empty"));
        Assert.Equal(["sub"], h.Names("/empty"));
        Assert.Equal(Errno.ENOENT, h.Fs.Stat(Root, "/d", true, out _));
    }

    [Fact]
    public void RenameOfTwoNamesOfTheSameInodeDoesNothing()
    {
        var h = new VfsHarness();
        h.WriteFile("/a", "x");
        Assert.Equal(Errno.Success, h.Fs.Link(Root, "/a", "/b"));
        Assert.Equal(Errno.Success, h.Fs.Rename(Root, "/a", "/b"));
        Assert.Equal(2ul, h.Stat("/a").LinkCount);
        Assert.Equal(Errno.Success, h.Fs.Rename(Root, "/a", "/a"));
        Assert.Equal("x", h.ReadFile("/a"));
    }

    [Fact]
    public void MovingDirectoriesKeepsParentLinkCountsAndDotDot()
    {
        var h = new VfsHarness();
        h.Mkdir("/p1");
        h.Mkdir("/p2");
        h.Mkdir("/p1/child");
        Assert.Equal(3ul, h.Stat("/p1").LinkCount);
        Assert.Equal(Errno.Success, h.Fs.Rename(Root, "/p1/child", "/p2/child"));
        Assert.Equal(2ul, h.Stat("/p1").LinkCount);
        Assert.Equal(3ul, h.Stat("/p2").LinkCount);
        var dotDot = h.List("/p2/child").Single(e => e.Name == "..");
        Assert.Equal(h.Stat("/p2").Inode, dotDot.Inode);
        Assert.Equal(h.Stat("/p2").Inode, h.Stat("/p2/child/..").Inode);
    }

    [Fact]
    public void HardLinksShareDataAndCountLinks()
    {
        var h = new VfsHarness();
        h.WriteFile("/a", "shared");
        var inodes = h.Inodes.Current;
        Assert.Equal(Errno.Success, h.Fs.Link(Root, "/a", "/b"));
        Assert.Equal(inodes, h.Inodes.Current);
        Assert.Equal(2ul, h.Stat("/a").LinkCount);
        Assert.Equal(h.Stat("/a").Inode, h.Stat("/b").Inode);

        h.WriteFile("/b", "changed");
        Assert.Equal("changed", h.ReadFile("/a"));

        Assert.Equal(Errno.Success, h.Fs.Unlink(Root, "/a"));
        Assert.Equal(1ul, h.Stat("/b").LinkCount);
        Assert.Equal(inodes, h.Inodes.Current);
        Assert.Equal(Errno.Success, h.Fs.Unlink(Root, "/b"));
        Assert.Equal(inodes - 1, h.Inodes.Current);
        Assert.Equal(0, h.Bytes.Current);
    }

    [Fact]
    public void LinkErrors()
    {
        var h = new VfsHarness();
        h.Mkdir("/d");
        h.WriteFile("/f", "");
        Assert.Equal(Errno.EPERM, h.Fs.Link(Root, "/d", "/d2"));
        Assert.Equal(Errno.EEXIST, h.Fs.Link(Root, "/f", "/d"));
        Assert.Equal(Errno.ENOENT, h.Fs.Link(Root, "/missing", "/x"));
        Assert.Equal(Errno.ENOENT, h.Fs.Link(Root, "/f", "/missing/x"));
    }

    [Fact]
    public void DirectoryLinkCountsFollowSubdirectories()
    {
        var h = new VfsHarness();
        h.Mkdir("/d");
        Assert.Equal(2ul, h.Stat("/d").LinkCount);
        h.Mkdir("/d/a");
        h.Mkdir("/d/b");
        h.WriteFile("/d/f", "");
        Assert.Equal(4ul, h.Stat("/d").LinkCount);
        Assert.Equal(Errno.Success, h.Fs.Rmdir(Root, "/d/a"));
        Assert.Equal(3ul, h.Stat("/d").LinkCount);
    }

    [Fact]
    public void MkdirAndRmdirErrors()
    {
        var h = new VfsHarness();
        h.Mkdir("/d");
        h.WriteFile("/d/f", "");
        h.WriteFile("/file", "");
        Assert.Equal(Errno.EEXIST, h.Fs.Mkdir(Root, "/d", 0x1ED));
        Assert.Equal(Errno.EEXIST, h.Fs.Mkdir(Root, "/", 0x1ED));
        Assert.Equal(Errno.ENOENT, h.Fs.Mkdir(Root, "/missing/x", 0x1ED));
        Assert.Equal(Errno.ENOTDIR, h.Fs.Mkdir(Root, "/file/x", 0x1ED));
        Assert.Equal(Errno.Success, h.Fs.Mkdir(Root, "/withslash/", 0x1ED));

        Assert.Equal(Errno.ENOTEMPTY, h.Fs.Rmdir(Root, "/d"));
        Assert.Equal(Errno.EINVAL, h.Fs.Rmdir(Root, "/d/."));
        Assert.Equal(Errno.ENOTEMPTY, h.Fs.Rmdir(Root, "/d/.."));
        Assert.Equal(Errno.EBUSY, h.Fs.Rmdir(Root, "/"));
        Assert.Equal(Errno.ENOTDIR, h.Fs.Rmdir(Root, "/file"));
        Assert.Equal(Errno.ENOENT, h.Fs.Rmdir(Root, "/nothing"));
        Assert.Equal(Errno.EISDIR, h.Fs.Unlink(Root, "/d"));
        Assert.Equal(Errno.Success, h.Fs.Unlink(Root, "/d/f"));
        Assert.Equal(Errno.Success, h.Fs.Rmdir(Root, "/d"));
    }

    [Fact]
    public void OpenErrors()
    {
        var h = new VfsHarness();
        h.Mkdir("/d");
        h.WriteFile("/f", "");
        Assert.Equal(Errno.ENOENT, h.TryOpen("/missing", OpenFlags.ReadOnly));
        Assert.Equal(Errno.EEXIST, h.TryOpen("/f", OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Exclusive));
        Assert.Equal(Errno.EISDIR, h.TryOpen("/d", OpenFlags.WriteOnly));
        Assert.Equal(Errno.EISDIR, h.TryOpen("/d", OpenFlags.ReadOnly | OpenFlags.Create));
        Assert.Equal(Errno.ENOTDIR, h.TryOpen("/f", OpenFlags.ReadOnly | OpenFlags.Directory));
        Assert.Equal(Errno.ENOTDIR, h.TryOpen("/f/", OpenFlags.ReadOnly));
        Assert.Equal(Errno.ENOTDIR, h.TryOpen("/f/x", OpenFlags.ReadOnly | OpenFlags.Create));
        Assert.Equal(Errno.EISDIR, h.TryOpen("/new/", OpenFlags.WriteOnly | OpenFlags.Create));
        Assert.Equal(Errno.Success, h.TryOpen("/d", OpenFlags.ReadOnly | OpenFlags.Directory));
        Assert.Equal(Errno.Success, h.TryOpen("/d/", OpenFlags.ReadOnly));
    }

    [Fact]
    public void RelativePathsResolveFromTheWorkingDirectory()
    {
        var h = new VfsHarness();
        h.Mkdir("/w");
        h.Mkdir("/w/sub");
        var inW = VfsHarness.In(VfsHarness.Root, "/w");
        Assert.Equal(Errno.Success, h.Fs.Open(inW, "sub/f", OpenFlags.WriteOnly | OpenFlags.Create, 0x1A4, out var file));
        VfsHarness.Close(file);
        Assert.Equal(Errno.Success, h.Fs.Stat(VfsHarness.Root, "/w/sub/f", true, out _));
        Assert.Equal(Errno.Success, h.Fs.ResolveDirectory(inW, "sub/../sub/./", out var canonical));
        Assert.Equal("/w/sub", canonical);
        Assert.Equal(Errno.Success, h.Fs.ResolveDirectory(inW, "../../..", out canonical));
        Assert.Equal("/", canonical);
        Assert.Equal(Errno.ENOTDIR, h.Fs.ResolveDirectory(inW, "sub/f", out _));
        Assert.Equal(Errno.ENOENT, h.Fs.ResolveDirectory(inW, "nope", out _));
    }

    [Fact]
    public void DirectoryDescriptionKnowsItsCanonicalPath()
    {
        var h = new VfsHarness();
        h.Mkdir("/a");
        h.Mkdir("/a/b");
        Assert.Equal(Errno.Success, h.Fs.Symlink(Root, "/a/b", "/link"));
        var directory = (DirectoryDescription)h.Open("/link/../b/.", OpenFlags.ReadOnly | OpenFlags.Directory);
        Assert.Equal("/a/b", directory.Path);
        VfsHarness.Close(directory);
    }

    [Fact]
    public void NewInodeBudgetIsReturnedWhenRmdirRemovesADirectory()
    {
        var h = new VfsHarness();
        var before = h.Inodes.Current;
        h.Mkdir("/d");
        Assert.Equal(before + 1, h.Inodes.Current);
        var open = h.Open("/d", OpenFlags.ReadOnly);
        Assert.Equal(Errno.Success, h.Fs.Rmdir(Root, "/d"));
        Assert.Equal(before + 1, h.Inodes.Current);
        var entries = new List<DirectoryEntry>();
        Assert.Equal(Errno.Success, ((DirectoryDescription)open).ReadDirectory(0, 10, entries));
        Assert.Empty(entries);
        VfsHarness.Close(open);
        Assert.Equal(before, h.Inodes.Current);
    }
}
