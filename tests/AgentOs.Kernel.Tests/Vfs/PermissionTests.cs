using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Processes;
using AgentOs.Kernel.Vfs;

namespace AgentOs.Kernel.Tests.Vfs;

public sealed class PermissionTests
{
    private static readonly PathContext Root = VfsHarness.Root;
    private static readonly PathContext User = VfsHarness.User;
    private static readonly PathContext Other = VfsHarness.Other;

    [Fact]
    public void ModeBitsGateUsersButNotRoot()
    {
        var h = new VfsHarness();
        h.WriteFile("/secret", "s", mode: 0x180); // 0600 root
        Assert.Equal(Errno.EACCES, h.TryOpen("/secret", OpenFlags.ReadOnly, User));
        Assert.Equal(Errno.EACCES, h.TryOpen("/secret", OpenFlags.WriteOnly, User));
        Assert.Equal(Errno.Success, h.TryOpen("/secret", OpenFlags.ReadWrite, Root));

        h.WriteFile("/public", "p", mode: 0x1A4); // 0644
        Assert.Equal(Errno.Success, h.TryOpen("/public", OpenFlags.ReadOnly, User));
        Assert.Equal(Errno.EACCES, h.TryOpen("/public", OpenFlags.WriteOnly, User));
        Assert.Equal(Errno.EACCES, h.TryOpen("/public", OpenFlags.ReadOnly | OpenFlags.Truncate, User));
        Assert.Equal(Errno.EACCES, h.Fs.Truncate(User, "/public", 0));
        Assert.Equal("p", h.ReadFile("/public"));
    }

    [Fact]
    public void GroupBitsApplyToGroupMembers()
    {
        var h = new VfsHarness();
        h.WriteFile("/g", "g");
        Assert.Equal(Errno.Success, h.Fs.Chmod(Root, "/g", 0x1B0, follow: true)); // 0660
        Assert.Equal(Errno.Success, h.Fs.Chown(Root, "/g", 0, 1000, follow: true));
        Assert.Equal(Errno.Success, h.TryOpen("/g", OpenFlags.ReadWrite, User));
        Assert.Equal(Errno.EACCES, h.TryOpen("/g", OpenFlags.ReadOnly, Other));
    }

    [Fact]
    public void CreatingNeedsWriteAndSearchOnTheParent()
    {
        var h = new VfsHarness();
        h.Mkdir("/ro", 0x1ED); // 0755 root
        Assert.Equal(Errno.EACCES, h.TryOpen("/ro/f", OpenFlags.WriteOnly | OpenFlags.Create, User));
        Assert.Equal(Errno.EACCES, h.Fs.Mkdir(User, "/ro/d", 0x1ED));
        Assert.Equal(Errno.EACCES, h.Fs.Symlink(User, "x", "/ro/l"));
        Assert.Empty(h.Names("/ro"));
    }

    [Fact]
    public void EveryTraversedDirectoryNeedsSearchPermission()
    {
        var h = new VfsHarness();
        h.Mkdir("/locked", 0x1C0); // 0700 root
        h.WriteFile("/locked/f", "x");
        Assert.Equal(Errno.EACCES, h.Fs.Stat(User, "/locked/f", true, out _));
        Assert.Equal(Errno.EACCES, h.Fs.ResolveDirectory(User, "/locked", out _));
        Assert.Equal(Errno.Success, h.Fs.Stat(User, "/locked", true, out _));
        Assert.Equal(Errno.Success, h.Fs.Stat(Root, "/locked/f", true, out _));
    }

    [Fact]
    public void RootNeedsSomeExecuteBitToExecute()
    {
        var h = new VfsHarness();
        h.WriteFile("/plain", "", mode: 0x1A4);
        h.WriteFile("/script", "", mode: 0x1C0 | 0x8); // 0710
        Assert.Equal(Errno.EACCES, h.Fs.Access(Root, "/plain", 1));
        Assert.Equal(Errno.Success, h.Fs.Access(Root, "/script", 1));
        Assert.Equal(Errno.Success, h.Fs.Access(Root, "/plain", 6));
        Assert.Equal(Errno.EACCES, h.Fs.Access(User, "/script", 1));
        Assert.Equal(Errno.Success, h.Fs.Access(User, "/plain", 4));
        Assert.Equal(Errno.Success, h.Fs.Access(User, "/plain", 0));
        Assert.Equal(Errno.ENOENT, h.Fs.Access(User, "/none", 0));
        Assert.Equal(Errno.EINVAL, h.Fs.Access(User, "/plain", 8));
    }

    [Fact]
    public void AccessUsesTheRealUid()
    {
        var h = new VfsHarness();
        h.WriteFile("/secret", "s", mode: 0x180);
        var setuidRoot = new PathContext(new Credentials(1000, 1000, 0, 1000, [1000]), "/", 0x12);
        Assert.Equal(Errno.Success, h.TryOpen("/secret", OpenFlags.ReadOnly, setuidRoot));
        Assert.Equal(Errno.EACCES, h.Fs.Access(setuidRoot, "/secret", 4));
    }

    [Fact]
    public void StickyDirectoryLetsOnlyOwnersRemoveOrRename()
    {
        var h = new VfsHarness(baseTree: true);
        h.WriteFile("/tmp/mine", "m", User);
        h.WriteFile("/tmp/theirs", "t", Other);
        Assert.Equal(Errno.EPERM, h.Fs.Unlink(User, "/tmp/theirs"));
        Assert.Equal(Errno.EPERM, h.Fs.Rename(User, "/tmp/theirs", "/tmp/stolen"));
        Assert.Equal(Errno.EPERM, h.Fs.Rename(User, "/tmp/mine", "/tmp/theirs"));
        Assert.Equal(Errno.Success, h.Fs.Rename(User, "/tmp/mine", "/tmp/mine2"));
        Assert.Equal(Errno.Success, h.Fs.Unlink(User, "/tmp/mine2"));
        Assert.Equal(Errno.Success, h.Fs.Unlink(Root, "/tmp/theirs"));
    }

    [Fact]
    public void OnlyTheOwnerOrRootMayChmod()
    {
        var h = new VfsHarness(baseTree: true);
        h.WriteFile("/tmp/f", "", User);
        Assert.Equal(Errno.EPERM, h.Fs.Chmod(Other, "/tmp/f", 0x1FF, follow: true));
        Assert.Equal(Errno.Success, h.Fs.Chmod(User, "/tmp/f", 0x1C0, follow: true));
        Assert.Equal(0x1C0u, h.Stat("/tmp/f").Mode & ModeBits.PermissionMask);
        Assert.Equal(Errno.Success, h.Fs.Chmod(Root, "/tmp/f", 0x1FF, follow: true));
        Assert.Equal(0x1FFu, h.Stat("/tmp/f").Mode & ModeBits.PermissionMask);

        // The owner outside the file's group cannot set S_ISGID; it is dropped silently.
        Assert.Equal(Errno.Success, h.Fs.Chown(Root, "/tmp/f", uint.MaxValue, 42, follow: true));
        Assert.Equal(Errno.Success, h.Fs.Chmod(User, "/tmp/f", ModeBits.SetGid | 0x1ED, follow: true));
        Assert.Equal(0x1EDu, h.Stat("/tmp/f").Mode & ModeBits.PermissionMask);
    }

    [Fact]
    public void ChownRules()
    {
        var h = new VfsHarness(baseTree: true);
        var member = new PathContext(new Credentials(1000, 1000, 1000, 1000, [1000, 50]), "/", 0x12);
        h.WriteFile("/tmp/f", "", member);
        Assert.Equal(Errno.EPERM, h.Fs.Chown(member, "/tmp/f", 0, uint.MaxValue, follow: true));
        Assert.Equal(Errno.EPERM, h.Fs.Chown(member, "/tmp/f", uint.MaxValue, 60, follow: true));
        Assert.Equal(Errno.EPERM, h.Fs.Chown(Other, "/tmp/f", uint.MaxValue, 2000, follow: true));
        Assert.Equal(Errno.Success, h.Fs.Chown(member, "/tmp/f", 1000, 50, follow: true));
        Assert.Equal((1000u, 50u), (h.Stat("/tmp/f").Uid, h.Stat("/tmp/f").Gid));
        Assert.Equal(Errno.Success, h.Fs.Chown(Root, "/tmp/f", 2000, uint.MaxValue, follow: true));
        Assert.Equal((2000u, 50u), (h.Stat("/tmp/f").Uid, h.Stat("/tmp/f").Gid));
    }

    [Fact]
    public void UmaskAppliesOnCreate()
    {
        var h = new VfsHarness();
        var strict = VfsHarness.Root with { Umask = 0x3F }; // 077
        Assert.Equal(Errno.Success, h.Fs.Open(strict, "/f", OpenFlags.WriteOnly | OpenFlags.Create, 0x1B6, out var file));
        VfsHarness.Close(file);
        Assert.Equal(Errno.Success, h.Fs.Mkdir(strict, "/d", 0x1FF));
        Assert.Equal(0x180u, h.Stat("/f").Mode & ModeBits.PermissionMask);
        Assert.Equal(0x1C0u, h.Stat("/d").Mode & ModeBits.PermissionMask);
    }

    [Fact]
    public void CreatorOpensItsNewFileEvenWhenTheModeForbidsIt()
    {
        var h = new VfsHarness(baseTree: true);
        Assert.Equal(Errno.Success, h.Fs.Open(User, "/tmp/ro", OpenFlags.ReadWrite | OpenFlags.Create, 0x124, out var file));
        VfsHarness.Write(file, "x");
        VfsHarness.Close(file);
        Assert.Equal(Errno.EACCES, h.TryOpen("/tmp/ro", OpenFlags.WriteOnly, User));
    }

    [Fact]
    public void SetgidParentPassesItsGroupAndBitToNewEntries()
    {
        var h = new VfsHarness(baseTree: true);
        var home = "/home/agentos";
        Assert.Equal(ModeBits.Directory | 0x5EDu, h.Stat(home).Mode);
        Assert.Equal(Errno.Success, h.Fs.Chown(Root, home, 1000, 77, follow: true));
        h.WriteFile(home + "/f", "", User);
        h.Mkdir(home + "/d", 0x1ED, User);
        Assert.Equal(77u, h.Stat(home + "/f").Gid);
        Assert.Equal(77u, h.Stat(home + "/d").Gid);
        Assert.NotEqual(0u, h.Stat(home + "/d").Mode & ModeBits.SetGid);
        Assert.Equal(0u, h.Stat(home + "/f").Mode & ModeBits.SetGid);
    }

    [Fact]
    public void NonOwnersMayTouchWithWriteAccessButNotSetExplicitTimes()
    {
        var h = new VfsHarness(baseTree: true);
        h.WriteFile("/tmp/shared", "", Root);
        Assert.Equal(Errno.Success, h.Fs.Chmod(Root, "/tmp/shared", 0x1B6, follow: true));
        h.WriteFile("/tmp/private", "", Root, mode: 0x1A4);
        Assert.Equal(Errno.Success, h.Fs.SetTimes(User, "/tmp/shared", VirtualFileSystem.TimeNow, VirtualFileSystem.TimeNow, true));
        Assert.Equal(Errno.EPERM, h.Fs.SetTimes(User, "/tmp/shared", 5, 5, true));
        Assert.Equal(Errno.EACCES, h.Fs.SetTimes(User, "/tmp/private", VirtualFileSystem.TimeNow, null, true));
    }
}
