using AgentOs.Kernel;
using AgentOs.Kernel.Limits;
using AgentOs.Tests.Software;
using AgentOs.Tests.Vm;

namespace AgentOs.Tests.Workspace;

public sealed class HostMountTests
{
    [Fact]
    public async Task ReadWriteMountShowsHostFilesAndWritesTheChangesBack()
    {
        using var host = new TempDirectory();
        File.WriteAllText(Path.Join(host.Path, "a.txt"), "from host\n");
        Directory.CreateDirectory(Path.Join(host.Path, "sub"));
        File.WriteAllText(Path.Join(host.Path, "sub", "b.txt"), "bye\n");
        await using (var vm = await VmOptions.CreateVmAsync(configure: o => o.Mounts.Add(new HostMount(host.Path, "/work"))))
        {
            var result = await vm.ExecAsync("cat /work/a.txt; ls /work/sub; echo new > /work/c.txt; rm /work/sub/b.txt; echo more >> /work/a.txt; cat /proc/mounts");
            Assert.StartsWith("from host\nb.txt\n", result.Stdout);
            Assert.Contains($"{host.Path} /work hostfs rw 0 0\n", result.Stdout);
            Assert.False(File.Exists(Path.Join(host.Path, "c.txt")));
        }

        Assert.Equal("new\n", File.ReadAllText(Path.Join(host.Path, "c.txt")));
        Assert.Equal("from host\nmore\n", File.ReadAllText(Path.Join(host.Path, "a.txt")));
        Assert.False(File.Exists(Path.Join(host.Path, "sub", "b.txt")));
    }

    [Fact]
    public async Task ReadOnlyMountRefusesEveryChange()
    {
        using var host = new TempDirectory();
        File.WriteAllText(Path.Join(host.Path, "f"), "data\n");
        await using (var vm = await VmOptions.CreateVmAsync(configure: o => o.Mounts.Add(HostMount.Parse(host.Path + ":/data:ro"))))
        {
            var result = await vm.ExecAsync("cat /data/f; echo x > /data/f; echo y > /data/g; rm /data/f; mkdir /data/d; true");
            Assert.Equal("data\n", result.Stdout);
            Assert.Equal(4, result.Stderr.Split("Read-only file system").Length - 1);
            var error = Assert.Throws<AgentOsFileSystemException>(() => vm.RootFileSystem.WriteAllText("/data/f", "host"));
            Assert.Equal(Errno.EROFS, error.Errno);
        }

        Assert.Equal(["f"], Directory.GetFileSystemEntries(host.Path).Select(Path.GetFileName));
        Assert.Equal("data\n", File.ReadAllText(Path.Join(host.Path, "f")));
    }

    [Fact]
    public async Task OverlayKeepsChangesInTheVmAndCanExportThem()
    {
        using var host = new TempDirectory();
        using var export = new TempDirectory();
        File.WriteAllText(Path.Join(host.Path, "f"), "original\n");
        await using (var vm = await VmOptions.CreateVmAsync(configure: o => o.Mounts.Add(new HostMount(host.Path, "/o", HostMountMode.Overlay))))
        {
            var result = await vm.ExecAsync("echo changed > /o/f; echo added > /o/g; cat /o/f /o/g");
            Assert.Equal("changed\nadded\n", result.Stdout);
            await vm.SyncMountsAsync();
            await vm.CopyOutAsync("/o", export.Path);
        }

        Assert.Equal(["f"], Directory.GetFileSystemEntries(host.Path).Select(Path.GetFileName));
        Assert.Equal("original\n", File.ReadAllText(Path.Join(host.Path, "f")));
        Assert.Equal("changed\n", File.ReadAllText(Path.Join(export.Path, "f")));
        Assert.Equal("added\n", File.ReadAllText(Path.Join(export.Path, "g")));
    }

    [Fact]
    public async Task HostSymlinksPointingOutsideNeverReachTheHost()
    {
        using var outside = new TempDirectory();
        using var host = new TempDirectory();
        var secret = Path.Join(outside.Path, "secret");
        File.WriteAllText(secret, "host secret\n");
        File.CreateSymbolicLink(Path.Join(host.Path, "absolute"), secret);
        File.CreateSymbolicLink(Path.Join(host.Path, "relative"), Path.Join("..", Path.GetFileName(outside.Path), "secret"));
        File.CreateSymbolicLink(Path.Join(host.Path, "updir"), "..");
        await using (var vm = await VmOptions.CreateVmAsync(configure: o => o.Mounts.Add(new HostMount(host.Path, "/m"))))
        {
            var result = await vm.ExecAsync("cat /m/absolute /m/relative /m/updir/" + Path.GetFileName(outside.Path) + "/secret /m/../" + Path.GetFileName(outside.Path) + "/secret; readlink /m/absolute; echo pwned > /m/absolute; ls /m/updir/m");
            Assert.DoesNotContain("host secret", result.Stdout);
            Assert.Contains(secret + "\n", result.Stdout);
            Assert.Contains("absolute", result.Stdout); // updir is the VM's "/", which holds /m.
        }

        Assert.Equal("host secret\n", File.ReadAllText(secret));
        Assert.Equal(secret, new FileInfo(Path.Join(host.Path, "absolute")).LinkTarget);
    }

    [Fact]
    public async Task HostFifosAreNotOpenedAndWriteBackDeletesOnlyWhatTheVmSawAndRemoved()
    {
        using var host = new TempDirectory();
        File.WriteAllText(Path.Join(host.Path, "plain"), "ok\n");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", Path.Join(host.Path, "pipe")))
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        await using (var vm = await VmOptions.CreateVmAsync(configure: o => o.Mounts.Add(new HostMount(host.Path + "/", "/m"))))
        {
            var result = await vm.ExecAsync("ls /m; rm /m/plain");
            Assert.Equal("plain\n", result.Stdout);
            File.WriteAllText(Path.Join(host.Path, "made-on-host"), "meanwhile\n");
        }

        Assert.Equal(["made-on-host", "pipe"], Directory.GetFileSystemEntries(host.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task MountedBytesCountAgainstTheFilesystemLimit()
    {
        using var host = new TempDirectory();
        File.WriteAllBytes(Path.Join(host.Path, "big"), new byte[2 << 20]);
        var limits = new ResourceLimits { MaxFilesystemBytes = 1 << 20 };
        var error = await Assert.ThrowsAsync<AgentOsFileSystemException>(() => VmOptions.CreateVmAsync(limits, o => o.Mounts.Add(new HostMount(host.Path, "/m"))));
        Assert.Equal(Errno.ENOSPC, error.Errno);

        File.WriteAllBytes(Path.Join(host.Path, "big"), new byte[600 << 10]);
        await using var vm = await VmOptions.CreateVmAsync(limits, o => o.Mounts.Add(new HostMount(host.Path, "/m")));
        var result = await vm.ExecAsync("cat /m/big /m/big > /m/copy");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("No space left on device", result.Stderr);
    }

    [Theory]
    [InlineData("relative/path", "not absolute")]
    [InlineData("/", "cannot mount over")]
    [InlineData("/proc", "cannot mount over")]
    [InlineData("/proc/self", "cannot mount over")]
    [InlineData("/a/../proc", "\"..\"")]
    public async Task BadGuestPathsAreRefusedBeforeTheVmExists(string guest, string message)
    {
        using var host = new TempDirectory();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => VmOptions.CreateVmAsync(configure: o => o.Mounts.Add(new HostMount(host.Path, guest))));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task AMissingHostDirectoryIsAClearError()
    {
        var missing = Path.Join(Path.GetTempPath(), "agentos-missing-" + Guid.NewGuid().ToString("N"));
        var error = await Assert.ThrowsAsync<ArgumentException>(() => VmOptions.CreateVmAsync(configure: o => o.Mounts.Add(new HostMount(missing, "/m"))));
        Assert.Contains("does not exist", error.Message);
        Assert.False(Directory.Exists(missing));
    }

    [Theory]
    [InlineData("/h:/g", "/h", "/g", HostMountMode.ReadWrite)]
    [InlineData("/h:/g:ro", "/h", "/g", HostMountMode.ReadOnly)]
    [InlineData("/h:/g:overlay", "/h", "/g", HostMountMode.Overlay)]
    [InlineData("C:/h:/g:rw", "C:/h", "/g", HostMountMode.ReadWrite)]
    public void MountSpecificationsParse(string text, string hostPath, string guestPath, HostMountMode mode) =>
        Assert.Equal(new HostMount(hostPath, guestPath, mode), HostMount.Parse(text));

    [Fact]
    public void AMountWithoutAGuestPathDoesNotParse() => Assert.Throws<FormatException>(() => HostMount.Parse("/only-host"));
}
