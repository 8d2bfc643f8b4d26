using AgentOs.Testing;

namespace AgentOs.Orleans.Tests;

/// <summary>The snapshot of a VM's persisted trees, captured and restored into a new VM.</summary>
public sealed class VmSnapshotTests
{
    [Fact]
    public async Task Snapshot_round_trips_files_modes_and_links()
    {
        var options = () => new AgentOsOptions { CacheDirectory = TestCache.Directory };
        byte[] snapshot;
        await using (var vm = await AgentOsVm.CreateAsync(options()))
        {
            var made = await vm.ExecAsync("mkdir -p /workspace/d && echo a > /workspace/d/a && chmod 640 /workspace/d/a && ln -s d/a /workspace/l && echo t > /tmp/t");
            Assert.Equal(0, made.ExitCode);
            snapshot = await VmSnapshot.CaptureAsync(vm);
        }

        await using var restored = await VmSnapshot.RestoreAsync(snapshot, options());
        var result = await restored.ExecAsync("cat /workspace/l /tmp/t; stat -c %a /workspace/d/a");
        Assert.Equal("a\nt\n640\n", result.Stdout + result.Stderr);
    }
}
