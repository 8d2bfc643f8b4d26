using AgentOs.Kernel;
using AgentOs.Kernel.Vfs;

namespace AgentOs.Integration.Tests;

/// <summary>
/// File owners through the real shell: what the VM user creates is theirs, what the image ships is root's, and only
/// root gives a file away. The published ls, stat and find read owners from preview1 filestat, which has none, so
/// they show 0 (README); chown and chgrp ask the kernel (host_fs.path_owner) and show the real ones.
/// </summary>
public sealed class OwnershipTests
{
    [Fact]
    public async Task FilesTheUserCreatesAreTheirs()
    {
        using var vm = await TestVm.CreateAsync();

        var result = await vm.ShAsync("touch f; mkdir d; echo x > d/g; ln -s f link");

        Assert.True(result.Code == 0, result.ToString());
        foreach (var path in new[] { "/workspace/f", "/workspace/d", "/workspace/d/g" })
        {
            Assert.Equal((1000u, 1000u), Owner(vm, path, follow: true));
        }

        Assert.Equal((1000u, 1000u), Owner(vm, "/workspace/link", follow: false));
        Assert.Equal((0u, 0u), Owner(vm, "/etc/passwd", follow: true));
        Assert.Equal((0u, 0u), Owner(vm, "/opt/agentos/bin/sh", follow: false));
    }

    [Fact]
    public async Task OnlyRootChangesTheOwner()
    {
        using var vm = await TestVm.CreateAsync();

        // The owner may "change" to itself and to a group it is in; giving the file away, or taking root's, is EPERM.
        var result = await vm.ShAsync(
            "touch f; chown agentos:agentos f; echo same=$?; chgrp agentos f; echo group=$?; chown root f; echo give=$?; chown agentos /etc/passwd; echo take=$?");

        Assert.Equal("same=0\ngroup=0\ngive=1\ntake=1\n", result.Stdout);
        Assert.Equal((1000u, 1000u), Owner(vm, "/workspace/f", follow: true));
        Assert.Equal((0u, 0u), Owner(vm, "/etc/passwd", follow: true));
    }

    private static (uint Uid, uint Gid) Owner(TestVm vm, string path, bool follow)
    {
        Assert.Equal(Errno.Success, vm.Kernel.FileSystem.Stat(PathContext.Root, path, follow, out var stat));
        return (stat.Uid, stat.Gid);
    }
}
