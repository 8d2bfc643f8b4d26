using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Vfs;

namespace AgentOs.Kernel.Tests.Vfs;

public sealed class BaseTreeTests
{
    private readonly VfsHarness _h = new(baseTree: true);

    [Fact]
    public void RootHoldsTheAlpineTopLevelDirectories()
    {
        Assert.Equal(
            ["bin", "boot", "dev", "etc", "home", "lib", "media", "mnt", "opt", "proc", "root", "run", "sbin", "srv", "sys", "tmp", "usr", "var", "workspace"],
            _h.Names("/"));
        foreach (var path in new[] { "/usr/bin", "/usr/local/bin", "/opt/agentos/bin", "/opt/agentos/pkgs" })
        {
            Assert.Equal(FileType.Directory, _h.Stat(path).FileType);
        }
    }

    [Theory]
    [InlineData("/tmp", 0x3FF, 0u, 0u)]
    [InlineData("/root", 0x1C0, 0u, 0u)]
    [InlineData("/home/agentos", 0x5ED, 1000u, 1000u)]
    [InlineData("/workspace", 0x1ED, 1000u, 1000u)]
    [InlineData("/etc/passwd", 0x1A4, 0u, 0u)]
    [InlineData("/dev/null", 0x1B6, 0u, 0u)]
    public void ModesAndOwners(string path, uint permissions, uint uid, uint gid)
    {
        var stat = _h.Stat(path);
        Assert.Equal(permissions, stat.Mode & ModeBits.PermissionMask);
        Assert.Equal((uid, gid), (stat.Uid, stat.Gid));
    }

    [Fact]
    public void AccountFilesListAlpineUsersAndAgentOs()
    {
        var passwd = _h.ReadFile("/etc/passwd", VfsHarness.User).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            ["root", "bin", "daemon", "lp", "sync", "shutdown", "halt", "mail", "news", "uucp", "cron", "ftp", "sshd", "games", "ntp", "guest", "nobody", "agentos"],
            passwd.Select(line => line.Split(':')[0]));
        Assert.All(passwd, line => Assert.Equal(7, line.Split(':').Length));
        Assert.Equal("agentos:x:1000:1000::/home/agentos:/bin/sh", passwd[^1]);
        var group = _h.ReadFile("/etc/group").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("agentos:x:1000:", group[^1]);
        Assert.Contains("root:x:0:root", group);
        Assert.Equal("agentos\n", _h.ReadFile("/etc/hostname"));
        Assert.Contains("127.0.0.1\tlocalhost", _h.ReadFile("/etc/hosts"), StringComparison.Ordinal);
        Assert.Contains("::1\tlocalhost", _h.ReadFile("/etc/hosts"), StringComparison.Ordinal);
        Assert.Contains("AgentOs", _h.ReadFile("/etc/os-release"), StringComparison.Ordinal);
    }

    [Fact]
    public void DevicesAreCharacterDevices()
    {
        foreach (var name in new[] { "null", "zero", "urandom", "random", "full" })
        {
            Assert.Equal(FileType.CharacterDevice, _h.Stat("/dev/" + name).FileType);
        }
    }

    [Fact]
    public void UserCanWorkInWorkspaceAndHomeButNotRoot()
    {
        _h.WriteFile("/workspace/notes.txt", "hi", VfsHarness.User);
        _h.WriteFile("/home/agentos/.profile", "x", VfsHarness.User);
        Assert.Equal(Errno.EACCES, _h.TryOpen("/root/x", OpenFlags.WriteOnly | OpenFlags.Create, VfsHarness.User));
        Assert.Equal(Errno.EACCES, _h.TryOpen("/etc/passwd", OpenFlags.WriteOnly, VfsHarness.User));
        Assert.Equal(Errno.Success, _h.Fs.ResolveDirectory(VfsHarness.User, "/workspace", out var cwd));
        Assert.Equal("/workspace", cwd);
    }

    [Fact]
    public void ProcMountsStartsWithRoot()
    {
        Assert.StartsWith("root / tmpfs rw 0 0\n", _h.ReadFile("/proc/mounts"), StringComparison.Ordinal);
    }
}
