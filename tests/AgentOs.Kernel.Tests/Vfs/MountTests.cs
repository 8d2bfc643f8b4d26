using System.Text;
using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Vfs;

namespace AgentOs.Kernel.Tests.Vfs;

public sealed class MountTests
{
    private static readonly PathContext Root = VfsHarness.Root;

    /// <summary>Mounts a tiny read-only tree (pkg/, pkg/file) at /mnt/ro, like a package mount.</summary>
    private static VfsHarness WithPackageMount(bool readOnly = true)
    {
        var h = new VfsHarness(baseTree: true);
        var package = h.Fs.CreateFileSystem();
        var root = new DirectoryInode(package, 0x16D, 0, 0, isRoot: true);
        var bin = new DirectoryInode(package, 0x16D, 0, 0);
        root.Link("bin", bin);
        bin.Link("tool", new ByteArrayFileInode(package, package.NextInodeNumber(), 0x16D, 0, 0, Encoding.UTF8.GetBytes("#!wasm")));
        h.Mkdir("/mnt/ro");
        Assert.Equal(Errno.Success, h.Fs.Mount("/mnt/ro", root, readOnly, "agentos_packages", "agentos_packages", "relatime"));
        return h;
    }

    [Fact]
    public void MountedTreeIsVisibleAndReadable()
    {
        var h = WithPackageMount();
        Assert.Equal("#!wasm", h.ReadFile("/mnt/ro/bin/tool"));
        Assert.Equal(["bin"], h.Names("/mnt/ro"));
        Assert.NotEqual(h.Stat("/").Device, h.Stat("/mnt/ro/bin/tool").Device);
        Assert.Equal(h.Stat("/mnt").Inode, h.Stat("/mnt/ro/..").Inode);
        Assert.Equal(Errno.Success, h.Fs.ResolveDirectory(Root, "/mnt/ro/bin/../..", out var canonical));
        Assert.Equal("/mnt", canonical);
    }

    [Fact]
    public void EveryMutationBelowAReadOnlyMountFailsWithErofs()
    {
        var h = WithPackageMount();
        Assert.Equal(Errno.EROFS, h.TryOpen("/mnt/ro/bin/new", OpenFlags.WriteOnly | OpenFlags.Create));
        Assert.Equal(Errno.EROFS, h.TryOpen("/mnt/ro/bin/tool", OpenFlags.WriteOnly));
        Assert.Equal(Errno.EROFS, h.TryOpen("/mnt/ro/bin/tool", OpenFlags.ReadOnly | OpenFlags.Truncate));
        Assert.Equal(Errno.EROFS, h.Fs.Mkdir(Root, "/mnt/ro/d", 0x1ED));
        Assert.Equal(Errno.EROFS, h.Fs.Unlink(Root, "/mnt/ro/bin/tool"));
        Assert.Equal(Errno.EROFS, h.Fs.Rmdir(Root, "/mnt/ro/bin"));
        Assert.Equal(Errno.EROFS, h.Fs.Rename(Root, "/mnt/ro/bin/tool", "/mnt/ro/bin/t2"));
        Assert.Equal(Errno.EROFS, h.Fs.Symlink(Root, "x", "/mnt/ro/l"));
        Assert.Equal(Errno.EROFS, h.Fs.Chmod(Root, "/mnt/ro/bin/tool", 0x1FF, true));
        Assert.Equal(Errno.EROFS, h.Fs.Chown(Root, "/mnt/ro/bin/tool", 1, 1, true));
        Assert.Equal(Errno.EROFS, h.Fs.SetTimes(Root, "/mnt/ro/bin/tool", 1, 1, true));
        Assert.Equal(Errno.EROFS, h.Fs.Truncate(Root, "/mnt/ro/bin/tool", 0));
        Assert.Equal(Errno.EROFS, h.Fs.Access(Root, "/mnt/ro/bin/tool", 2));
        Assert.Equal(Errno.Success, h.Fs.Access(Root, "/mnt/ro/bin/tool", 5));
        Assert.Equal("#!wasm", h.ReadFile("/mnt/ro/bin/tool"));
    }

    [Fact]
    public void RenameAndLinkAcrossMountsFailWithExdev()
    {
        var h = WithPackageMount(readOnly: false);
        h.WriteFile("/tmp/f", "x");
        Assert.Equal(Errno.EXDEV, h.Fs.Rename(Root, "/mnt/ro/bin/tool", "/tmp/tool"));
        Assert.Equal(Errno.EXDEV, h.Fs.Rename(Root, "/tmp/f", "/mnt/ro/f"));
        Assert.Equal(Errno.EXDEV, h.Fs.Link(Root, "/mnt/ro/bin/tool", "/tmp/tool"));
        Assert.Equal(Errno.EXDEV, h.Fs.Link(Root, "/tmp/f", "/mnt/ro/bin/f"));
    }

    [Fact]
    public void MountPointsCannotBeRemovedOrMovedAway()
    {
        var h = WithPackageMount();
        Assert.Equal(Errno.EBUSY, h.Fs.Rmdir(Root, "/mnt/ro"));
        Assert.Equal(Errno.EBUSY, h.Fs.Rename(Root, "/mnt", "/mnt2"));
        Assert.Equal(Errno.EBUSY, h.Fs.Mount("/mnt/ro", new DirectoryInode(h.Fs.CreateFileSystem(), 0x1ED, 0, 0, true), true, "x", "x"));
        Assert.Equal(Errno.ENOENT, h.Fs.Mount("/nowhere", new DirectoryInode(h.Fs.CreateFileSystem(), 0x1ED, 0, 0, true), true, "x", "x"));
    }

    [Fact]
    public void RemountSwitchesReadOnlyAndNeedsRoot()
    {
        var h = new VfsHarness(baseTree: true);
        h.Mkdir("/mnt/rw");
        var fs = h.Fs.CreateFileSystem();
        Assert.Equal(Errno.Success, h.Fs.Mount("/mnt/rw", new DirectoryInode(fs, 0x1FF, 0, 0, true), false, "scratch", "tmpfs"));
        Assert.Equal(Errno.Success, h.Fs.Mkdir(Root, "/mnt/rw/d", 0x1ED));
        Assert.Equal(Errno.EPERM, h.Fs.Remount(VfsHarness.User, "/mnt/rw", true));
        Assert.Equal(Errno.EINVAL, h.Fs.Remount(Root, "/mnt", true));
        Assert.Equal(Errno.Success, h.Fs.Remount(Root, "/mnt/rw", true));
        Assert.Equal(Errno.EROFS, h.Fs.Mkdir(Root, "/mnt/rw/e", 0x1ED));
        Assert.Contains("scratch /mnt/rw tmpfs ro 0 0\n", h.ReadFile("/proc/mounts"), StringComparison.Ordinal);
    }

    [Fact]
    public void ProcMountsListsEveryMountInOrder()
    {
        var h = WithPackageMount();
        Assert.Equal(
            "root / tmpfs rw 0 0\n" +
            "proc /proc proc ro 0 0\n" +
            "agentos_packages /mnt/ro agentos_packages ro,relatime 0 0\n",
            h.ReadFile("/proc/mounts"));
        Assert.Equal(Errno.EROFS, h.TryOpen("/proc/mounts", OpenFlags.WriteOnly));
        Assert.Equal(FileType.RegularFile, h.Stat("/proc/mounts").FileType);
    }

    [Fact]
    public void ProcMountsIsASnapshotTakenAtOpen()
    {
        var h = new VfsHarness(baseTree: true);
        var reader = h.Open("/proc/mounts", OpenFlags.ReadOnly);
        h.Mkdir("/mnt/x");
        Assert.Equal(Errno.Success, h.Fs.Mount("/mnt/x", new DirectoryInode(h.Fs.CreateFileSystem(), 0x1ED, 0, 0, true), true, "src", "tmpfs"));
        Assert.DoesNotContain("/mnt/x", VfsHarness.ReadToEnd(reader), StringComparison.Ordinal);
        VfsHarness.Close(reader);
        Assert.Contains("src /mnt/x tmpfs ro 0 0", h.ReadFile("/proc/mounts"), StringComparison.Ordinal);
    }

    [Fact]
    public void StatFsReportsTheBudgets()
    {
        var h = new VfsHarness(bytes: 64 * VfsHarness.MiB, inodes: 1000);
        h.WriteFile("/f", new string('x', 5000));
        Assert.Equal(Errno.Success, h.Fs.StatFs(Root, "/f", out var info));
        Assert.Equal(64 * VfsHarness.MiB, info.TotalBytes);
        Assert.Equal(5000, info.UsedBytes);
        Assert.Equal((64 * VfsHarness.MiB) - 5000, info.AvailableBytes);
        Assert.Equal(1000, info.TotalInodes);
        Assert.Equal(1000 - h.Inodes.Current, info.FreeInodes);
        Assert.Equal(2, h.Inodes.Current);
    }
}
