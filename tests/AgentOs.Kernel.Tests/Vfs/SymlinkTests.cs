using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Vfs;

namespace AgentOs.Kernel.Tests.Vfs;

public sealed class SymlinkTests
{
    private static readonly PathContext Root = VfsHarness.Root;

    [Fact]
    public void SymlinksResolveRelativeToTheirDirectoryAndAbsoluteFromRoot()
    {
        var h = new VfsHarness();
        h.Mkdir("/dir");
        h.WriteFile("/dir/target", "data");
        Assert.Equal(Errno.Success, h.Fs.Symlink(Root, "target", "/dir/rel"));
        Assert.Equal(Errno.Success, h.Fs.Symlink(Root, "/dir", "/abs"));
        Assert.Equal("data", h.ReadFile("/dir/rel"));
        Assert.Equal("data", h.ReadFile("/abs/rel"));
        Assert.Equal(FileType.SymbolicLink, h.Stat("/dir/rel", follow: false).FileType);
        Assert.Equal(6, h.Stat("/dir/rel", follow: false).Size);
        Assert.Equal(FileType.RegularFile, h.Stat("/dir/rel").FileType);
        Assert.Equal(Errno.Success, h.Fs.ReadLink(Root, "/abs", out var target));
        Assert.Equal("/dir", target);
        Assert.Equal(Errno.EINVAL, h.Fs.ReadLink(Root, "/dir/target", out _));
    }

    [Fact]
    public void SymlinkLoopsFailWithEloop()
    {
        var h = new VfsHarness();
        Assert.Equal(Errno.Success, h.Fs.Symlink(Root, "/b", "/a"));
        Assert.Equal(Errno.Success, h.Fs.Symlink(Root, "/a", "/b"));
        Assert.Equal(Errno.Success, h.Fs.Symlink(Root, "self", "/self"));
        Assert.Equal(Errno.ELOOP, h.TryOpen("/a", OpenFlags.ReadOnly));
        Assert.Equal(Errno.ELOOP, h.Fs.Stat(Root, "/self", true, out _));
        Assert.Equal(Errno.ELOOP, h.Fs.Stat(Root, "/a/x", true, out _));
        Assert.Equal(Errno.Success, h.Fs.Stat(Root, "/a", false, out _));
    }

    [Fact]
    public void FortyHopsResolveAndFortyOneFail()
    {
        var h = new VfsHarness();
        h.WriteFile("/end", "ok");
        // /l1 → /end, /lN → /l(N-1): resolving /lN follows N links.
        Assert.Equal(Errno.Success, h.Fs.Symlink(Root, "/end", "/l1"));
        for (var i = 2; i <= 41; i++)
        {
            Assert.Equal(Errno.Success, h.Fs.Symlink(Root, $"/l{i - 1}", $"/l{i}"));
        }

        Assert.Equal("ok", h.ReadFile("/l40"));
        Assert.Equal(Errno.ELOOP, h.TryOpen("/l41", OpenFlags.ReadOnly));
    }

    [Fact]
    public void NoFollowAndExclusiveCreateDoNotFollowTheFinalLink()
    {
        var h = new VfsHarness();
        h.WriteFile("/real", "x");
        Assert.Equal(Errno.Success, h.Fs.Symlink(Root, "/real", "/link"));
        Assert.Equal(Errno.Success, h.Fs.Symlink(Root, "/nowhere", "/dangling"));
        Assert.Equal(Errno.ELOOP, h.TryOpen("/link", OpenFlags.ReadOnly | OpenFlags.NoFollow));
        Assert.Equal(Errno.EEXIST, h.TryOpen("/dangling", OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Exclusive));
        Assert.Equal(Errno.ENOENT, h.Fs.Stat(Root, "/nowhere", true, out _));

        // Plain O_CREAT through a dangling link creates its target.
        Assert.Equal(Errno.Success, h.TryOpen("/dangling", OpenFlags.WriteOnly | OpenFlags.Create));
        Assert.Equal(Errno.Success, h.Fs.Stat(Root, "/nowhere", true, out _));
    }

    [Fact]
    public void SymlinkOntoAnExistingNameFailsAndUnlinkRemovesTheLinkNotTheTarget()
    {
        var h = new VfsHarness();
        h.WriteFile("/real", "x");
        Assert.Equal(Errno.Success, h.Fs.Symlink(Root, "/real", "/link"));
        Assert.Equal(Errno.EEXIST, h.Fs.Symlink(Root, "/other", "/link"));
        Assert.Equal(Errno.ENOENT, h.Fs.Symlink(Root, "", "/empty"));
        Assert.Equal(Errno.Success, h.Fs.Unlink(Root, "/link"));
        Assert.Equal("x", h.ReadFile("/real"));
    }

    [Fact]
    public void TrailingSlashFollowsALinkToADirectory()
    {
        var h = new VfsHarness();
        h.Mkdir("/d");
        Assert.Equal(Errno.Success, h.Fs.Symlink(Root, "/d", "/ld"));
        Assert.Equal(FileType.Directory, h.Stat("/ld/", follow: false).FileType);
        Assert.Equal(FileType.SymbolicLink, h.Stat("/ld", follow: false).FileType);
    }
}
