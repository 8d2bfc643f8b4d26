using AgentOs.Tests.Software;
using AgentOs.Tests.Vm;

namespace AgentOs.Tests.Workspace;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CopyTests
{
    [Fact]
    public async Task ATreeCopiesInAndOutKeepingModesTimesAndLinks()
    {
        using var source = new TempDirectory();
        using var target = new TempDirectory();
        var script = Path.Join(source.Path, "bin", "run.sh");
        Directory.CreateDirectory(Path.GetDirectoryName(script)!);
        File.WriteAllText(script, "echo ran\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead);
        var mtime = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(script, mtime);
        File.CreateSymbolicLink(Path.Join(source.Path, "link"), "bin/run.sh");

        await using (var vm = await VmOptions.CreateVmAsync())
        {
            await vm.CopyInAsync(source.Path, "/workspace/project");
            var result = await vm.ExecAsync("cd project; stat -c '%a %Y' bin/run.sh; readlink link; sh link; echo made > out.txt");
            Assert.Equal($"740 {new DateTimeOffset(mtime).ToUnixTimeSeconds()}\nbin/run.sh\nran\n", result.Stdout);
            Assert.Equal((1000u, 1000u), (vm.FileSystem.Stat("project/bin/run.sh").Uid, vm.FileSystem.Stat("project/link", followSymlinks: false).Gid));
            await vm.CopyOutAsync("/workspace/project", target.Path);
        }

        var copied = Path.Join(target.Path, "bin", "run.sh");
        Assert.Equal("echo ran\n", File.ReadAllText(copied));
        Assert.Equal(File.GetUnixFileMode(script), File.GetUnixFileMode(copied));
        Assert.Equal(mtime, File.GetLastWriteTimeUtc(copied));
        Assert.Equal("bin/run.sh", new FileInfo(Path.Join(target.Path, "link")).LinkTarget);
        Assert.Equal("made\n", File.ReadAllText(Path.Join(target.Path, "out.txt")));
    }

    [Fact]
    public async Task CopyOutReplacesAHostSymlinkInsteadOfWritingThroughIt()
    {
        using var outside = new TempDirectory();
        using var target = new TempDirectory();
        var victim = Path.Join(outside.Path, "victim");
        File.WriteAllText(victim, "untouched\n");
        File.CreateSymbolicLink(Path.Join(target.Path, "out.txt"), victim);
        await using (var vm = await VmOptions.CreateVmAsync())
        {
            vm.FileSystem.WriteAllText("/workspace/out.txt", "guest data\n");
            await vm.CopyOutAsync("/workspace/out.txt", Path.Join(target.Path, "out.txt"));
        }

        Assert.Equal("untouched\n", File.ReadAllText(victim));
        Assert.Null(new FileInfo(Path.Join(target.Path, "out.txt")).LinkTarget);
        Assert.Equal("guest data\n", File.ReadAllText(Path.Join(target.Path, "out.txt")));
    }

    [Fact]
    public async Task CopyInReplacesAGuestSymlinkInsteadOfWritingThroughIt()
    {
        using var source = new TempDirectory();
        File.WriteAllText(Path.Join(source.Path, "passwd"), "hijack\n");
        await using var vm = await VmOptions.CreateVmAsync();
        await vm.ExecAsync("mkdir -p /workspace/in && ln -s /etc/passwd /workspace/in/passwd");
        var before = vm.RootFileSystem.ReadAllText("/etc/passwd");
        await vm.CopyInAsync(source.Path, "/workspace/in");
        Assert.Equal(before, vm.RootFileSystem.ReadAllText("/etc/passwd"));
        Assert.Equal("hijack\n", vm.FileSystem.ReadAllText("/workspace/in/passwd"));
    }

    [Fact]
    public async Task CopyingInAMissingHostPathFails()
    {
        await using var vm = await VmOptions.CreateVmAsync();
        await Assert.ThrowsAsync<DirectoryNotFoundException>(() => vm.CopyInAsync("/nonexistent/" + Guid.NewGuid(), "/workspace/x"));
        Assert.False(vm.FileSystem.Exists("/workspace/x"));
    }

    [Fact]
    public async Task ReadAllBytesReturnsTheWholeLargeFile()
    {
        await using var vm = await VmOptions.CreateVmAsync();
        var data = new byte[10 << 20];
        new Random(7).NextBytes(data);
        vm.FileSystem.WriteAllBytes("/tmp/big", data);
        Assert.Equal(data, vm.FileSystem.ReadAllBytes("/tmp/big"));
        vm.FileSystem.WriteAllBytes("/tmp/empty", []);
        Assert.Empty(vm.FileSystem.ReadAllBytes("/tmp/empty"));
    }
}
