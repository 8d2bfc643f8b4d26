using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Vfs;

namespace AgentOs.Kernel.Tests.Vfs;

public sealed class PathTests
{
    private static readonly PathContext Root = VfsHarness.Root;

    [Fact]
    public void ComponentLongerThan255BytesIsTooLong()
    {
        var h = new VfsHarness();
        Assert.Equal(Errno.Success, h.TryOpen("/" + new string('a', 255), OpenFlags.WriteOnly | OpenFlags.Create));
        Assert.Equal(Errno.ENAMETOOLONG, h.TryOpen("/" + new string('a', 256), OpenFlags.WriteOnly | OpenFlags.Create));
        // 128 two-byte characters are 256 bytes.
        Assert.Equal(Errno.ENAMETOOLONG, h.Fs.Mkdir(Root, "/" + new string('é', 128), 0x1ED));
    }

    [Fact]
    public void PathOfPathMaxBytesIsTooLong()
    {
        var h = new VfsHarness();
        var component = new string('d', 200);
        var path = string.Concat(Enumerable.Repeat("/" + component, 20)); // 4020 bytes
        Assert.Equal(Errno.ENOENT, h.Fs.Stat(Root, path + "/" + new string('x', 74), true, out _)); // 4095 bytes
        Assert.Equal(Errno.ENAMETOOLONG, h.Fs.Stat(Root, path + "/" + new string('x', 75), true, out _)); // 4096 bytes
        Assert.Equal(Errno.ENAMETOOLONG, h.Fs.Symlink(Root, new string('t', 4096), "/l"));
    }

    [Fact]
    public void EmptyPathIsEnoent()
    {
        var h = new VfsHarness();
        Assert.Equal(Errno.ENOENT, h.Fs.Stat(Root, "", true, out _));
    }

    [Fact]
    public void RepeatedSlashesAndDotsAreIgnored()
    {
        var h = new VfsHarness();
        h.Mkdir("/a");
        h.WriteFile("/a/f", "x");
        Assert.Equal("x", h.ReadFile("//a/./../a///f"));
        Assert.Equal(h.Stat("/").Inode, h.Stat("/../..").Inode);
    }
}
