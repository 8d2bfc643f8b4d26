using AgentOs.Kernel.Limits;
using AgentOs.Tests.Vm;

namespace AgentOs.Tests.State;

public sealed class ForkTests
{
    [Fact]
    public async Task AForkSeesTheFilesAndConfigurationButHasItsOwnId()
    {
        await using var vm = await VmOptions.CreateVmAsync(new ResourceLimits { MaxProcesses = 40 }, o => o.Env["GREETING"] = "hi");
        Assert.Equal(0, (await vm.ExecAsync("mkdir -p /workspace/d && echo one > /workspace/d/f && ln -s d/f /workspace/l && chmod 600 /workspace/d/f")).ExitCode);
        await using var fork = await vm.ForkAsync();
        Assert.NotEqual(vm.Id, fork.Id);
        Assert.Equal(40, fork.Limits.MaxProcesses);
        var result = await fork.ExecAsync("cat /workspace/l && stat -c %a /workspace/d/f && echo $GREETING && echo x | wc -c");
        Assert.Equal("one\n600\nhi\n2\n", result.Stdout);
    }

    [Theory]
    [InlineData("echo more >> /workspace/shared")]
    [InlineData("printf 'XY' | dd of=/workspace/shared bs=1 seek=3 conv=notrunc 2>/dev/null")]
    [InlineData(": > /workspace/shared")]
    [InlineData("truncate -s 10 /workspace/shared")]
    [InlineData("truncate -s 200000 /workspace/shared")]
    [InlineData("mv /workspace/shared /workspace/moved")]
    [InlineData("rm /workspace/shared")]
    [InlineData("chmod 600 /workspace/shared")]
    [InlineData("rm -r /workspace/dir")]
    [InlineData("echo new > /workspace/dir/new")]
    public async Task AChangeInEitherVmIsNeverSeenInTheOther(string change)
    {
        await using var vm = await VmOptions.CreateVmAsync();
        Assert.Equal(0, (await vm.ExecAsync("head -c 150000 /dev/urandom > /workspace/shared && chmod 644 /workspace/shared && mkdir /workspace/dir && echo a > /workspace/dir/a")).ExitCode);
        const string Look = "cd /workspace && ls -R . && stat -c '%a %s' shared && sha256sum shared dir/a";
        var before = (await vm.ExecAsync(Look)).Stdout;

        await using (var fork = await vm.ForkAsync())
        {
            Assert.Equal(before, (await fork.ExecAsync(Look)).Stdout);
            Assert.Equal(0, (await fork.ExecAsync(change)).ExitCode);
            Assert.NotEqual(before, (await fork.ExecAsync(Look)).Stdout);
            Assert.Equal(before, (await vm.ExecAsync(Look)).Stdout);
        }

        await using var other = await vm.ForkAsync();
        Assert.Equal(0, (await vm.ExecAsync(change)).ExitCode);
        var changed = (await vm.ExecAsync(Look)).Stdout;
        Assert.NotEqual(before, changed);
        Assert.Equal(before, (await other.ExecAsync(Look)).Stdout);
    }

    [Fact]
    public async Task EachVmCountsItsOwnBytes()
    {
        await using var vm = await VmOptions.CreateVmAsync(new ResourceLimits { MaxFilesystemBytes = 8 << 20 });
        vm.FileSystem.WriteAllBytes("/workspace/big", new byte[3 << 20]);
        await using var fork = await vm.ForkAsync();
        var original = Bytes(vm);
        Assert.Equal(original, Bytes(fork));

        fork.FileSystem.WriteAllBytes("/workspace/more", new byte[4 << 20]);
        Assert.Equal(original, Bytes(vm));
        Assert.Equal(original + (4 << 20), Bytes(fork));

        // The fork is full; the original still has room for the same 4 MiB.
        var error = Assert.Throws<AgentOsFileSystemException>(() => fork.FileSystem.WriteAllBytes("/workspace/over", new byte[2 << 20]));
        Assert.Equal(Kernel.Errno.ENOSPC, error.Errno);
        fork.FileSystem.Delete("/workspace/over");
        vm.FileSystem.WriteAllBytes("/workspace/more", new byte[4 << 20]);

        fork.FileSystem.Delete("/workspace/big");
        Assert.Equal(original + (4 << 20), Bytes(vm));
        Assert.Equal(original + (1 << 20), Bytes(fork));
        Assert.Equal(3 << 20, vm.FileSystem.ReadAllBytes("/workspace/big").Length);
    }

    [Fact]
    public async Task RunningProcessesAreNotForked()
    {
        await using var vm = await VmOptions.CreateVmAsync();
        var sleeper = vm.Spawn("sleep", ["30"]);
        await VmOptions.WaitUntilAsync(() => vm.Processes.Count > 0, "the sleeper to start");
        await using var fork = await vm.ForkAsync();
        Assert.Empty(fork.Processes);
        sleeper.Kill();
    }

    [Fact]
    public async Task AForkOfAForkIsIndependentToo()
    {
        await using var vm = await VmOptions.CreateVmAsync();
        vm.FileSystem.WriteAllText("/workspace/f", "0");
        await using var first = await vm.ForkAsync();
        first.FileSystem.WriteAllText("/workspace/f", "1");
        await using var second = await first.ForkAsync();
        second.FileSystem.WriteAllText("/workspace/f", "2");
        Assert.Equal("0", vm.FileSystem.ReadAllText("/workspace/f"));
        Assert.Equal("1", first.FileSystem.ReadAllText("/workspace/f"));
        Assert.Equal("2", second.FileSystem.ReadAllText("/workspace/f"));
    }

    private static long Bytes(AgentOsVm vm) => vm.LimitUsage.Single(u => u.Limit == LimitNames.FilesystemBytes).Current;
}
