using System.Security.Cryptography;
using System.Text;
using AgentOs.Kernel;
using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Limits;

namespace AgentOs.Tests.Vm;

public sealed class FileSystemTests
{
    [Fact]
    public async Task HostWritesAreSeenByTheGuestAndBack()
    {
        await using var vm = await VmOptions.CreateVmAsync();
        vm.FileSystem.WriteAllText("notes.txt", "from host\n");
        var result = await vm.ExecAsync("cat notes.txt; echo from guest > reply.txt; stat -c '%a' notes.txt");
        Assert.Equal("from host\n644\n", result.Stdout);
        var owner = vm.FileSystem.Stat("notes.txt");
        Assert.Equal((1000u, 1000u), (owner.Uid, owner.Gid));
        Assert.Equal("from guest\n", vm.FileSystem.ReadAllText("/workspace/reply.txt"));
        Assert.Equal("from host\n"u8.ToArray(), vm.FileSystem.ReadAllBytes("/workspace/notes.txt"));
    }

    [Fact]
    public async Task WriteTruncatesAnExistingFile()
    {
        await using var vm = await VmOptions.CreateVmAsync();
        vm.FileSystem.WriteAllText("f", "a long first version");
        vm.FileSystem.WriteAllText("f", "short");
        Assert.Equal("short", vm.FileSystem.ReadAllText("f"));
        Assert.Equal(5, vm.FileSystem.Stat("f").Size);
    }

    [Fact]
    public async Task TwentyMebibytesStreamInAndOutWhenTheBudgetAllows()
    {
        await using var vm = await VmOptions.CreateVmAsync(new ResourceLimits { MaxFilesystemBytes = 64L << 20 });
        var data = new byte[20 << 20];
        new Random(42).NextBytes(data);
        await using (var write = vm.FileSystem.OpenWrite("/tmp/big.bin"))
        {
            for (var offset = 0; offset < data.Length; offset += 300_000)
            {
                await write.WriteAsync(data.AsMemory(offset, Math.Min(300_000, data.Length - offset)));
            }
        }

        Assert.Equal(data.Length, vm.FileSystem.Stat("/tmp/big.bin").Size);
        await using (var read = vm.FileSystem.OpenRead("/tmp/big.bin"))
        {
            Assert.Equal(data.Length, read.Length);
            Assert.Equal(SHA256.HashData(data), await SHA256.HashDataAsync(read));
        }

        var guest = await vm.ExecAsync("wc -c < /tmp/big.bin");
        Assert.Equal($"{data.Length}\n", guest.Stdout);
    }

    [Fact]
    public async Task WriteBeyondTheFilesystemCapFailsWithEnospcNamingTheLimit()
    {
        await using var vm = await VmOptions.CreateVmAsync(new ResourceLimits { MaxFilesystemBytes = 1 << 20 });
        var ex = Assert.Throws<AgentOsFileSystemException>(() => vm.FileSystem.WriteAllBytes("/tmp/too-big", new byte[2 << 20]));
        Assert.Equal(Errno.ENOSPC, ex.Errno);
        Assert.Equal("limits.resources.maxFilesystemBytes", ex.LimitConfigPath);
        Assert.Equal(1 << 20, ex.Capacity);
        Assert.NotNull(ex.Observed);
        Assert.Contains("limits.resources.maxFilesystemBytes", ex.Message);
        Assert.Contains("/tmp/too-big", ex.Message);

        // The budget is enforced the same for the guest.
        var guest = await vm.ExecAsync("head -c 2097152 /dev/zero > /tmp/guest-big");
        Assert.NotEqual(0, guest.ExitCode);
        Assert.Contains("space", guest.Stderr, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task DirectoriesCanBeCreatedListedMovedAndRemoved()
    {
        await using var vm = await VmOptions.CreateVmAsync();
        var fs = vm.FileSystem;
        fs.CreateDirectory("project/src/deep");
        fs.CreateDirectory("project/src"); // -p: an existing directory is fine
        fs.WriteAllText("project/src/a.txt", "aa");
        fs.WriteAllText("project/src/deep/b.txt", "bbb");
        fs.WriteAllText("project/readme", "r");

        var top = fs.ReadDirectory("project");
        Assert.Equal(["src", "readme"], top.Select(e => e.Name));
        Assert.Equal(FileType.Directory, top[0].Type);

        var all = fs.ReadDirectory("/workspace/project", recursive: true);
        Assert.Equal(
            ["/workspace/project/src", "/workspace/project/src/deep", "/workspace/project/src/deep/b.txt", "/workspace/project/src/a.txt", "/workspace/project/readme"],
            all.Select(e => e.Path));
        Assert.Equal(3, all.Single(e => e.Name == "b.txt").Size);

        Assert.True(fs.Exists("project/src/a.txt"));
        fs.Move("project/src/a.txt", "project/a-moved.txt");
        Assert.False(fs.Exists("project/src/a.txt"));
        Assert.Equal("aa", fs.ReadAllText("project/a-moved.txt"));

        var notEmpty = Assert.Throws<AgentOsFileSystemException>(() => fs.Delete("project"));
        Assert.Equal(Errno.ENOTEMPTY, notEmpty.Errno);
        fs.Delete("project", recursive: true);
        Assert.False(fs.Exists("project"));
        Assert.Equal(string.Empty, (await vm.ExecAsync("ls /workspace")).Stdout);
    }

    [Fact]
    public async Task ErrorsCarryTheErrnoAndPath()
    {
        await using var vm = await VmOptions.CreateVmAsync();
        var missing = Assert.Throws<AgentOsFileSystemException>(() => vm.FileSystem.ReadAllText("/nope/file"));
        Assert.Equal(Errno.ENOENT, missing.Errno);
        Assert.Equal("/nope/file", missing.Path);
        Assert.IsAssignableFrom<IOException>(missing);

        var denied = Assert.Throws<AgentOsFileSystemException>(() => vm.FileSystem.WriteAllText("/etc/motd", "x"));
        Assert.Equal(Errno.EACCES, denied.Errno);
        vm.RootFileSystem.WriteAllText("/etc/motd", "welcome\n");
        Assert.Equal("welcome\n", (await vm.ExecAsync("cat /etc/motd")).Stdout);

        var coreutils = vm.Software.First(p => p.Name == "coreutils");
        var packageFile = $"/opt/agentos/pkgs/coreutils/{coreutils.Version}/bin/new";
        var readOnly = Assert.Throws<AgentOsFileSystemException>(() => vm.RootFileSystem.WriteAllText(packageFile, "x"));
        Assert.Equal(Errno.EROFS, readOnly.Errno);
        Assert.Equal(Errno.EISDIR, Assert.Throws<AgentOsFileSystemException>(() => vm.FileSystem.OpenRead("/tmp")).Errno);
    }

    [Fact]
    public async Task StreamsSeekAndAppend()
    {
        await using var vm = await VmOptions.CreateVmAsync();
        await using (var s = vm.FileSystem.OpenWrite("s.txt"))
        {
            s.Write("0123456789"u8);
            s.Position = 2;
            s.Write("ab"u8);
        }

        await using (var a = vm.FileSystem.OpenAppend("s.txt"))
        {
            a.Write("!"u8);
        }

        await using var r = vm.FileSystem.OpenRead("s.txt");
        r.Seek(-3, SeekOrigin.End);
        var tail = new byte[3];
        r.ReadExactly(tail);
        Assert.Equal("89!", Encoding.ASCII.GetString(tail));
        Assert.Equal("01ab456789!", vm.FileSystem.ReadAllText("s.txt"));
    }
}
