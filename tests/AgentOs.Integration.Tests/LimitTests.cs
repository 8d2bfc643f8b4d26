using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Processes;

namespace AgentOs.Integration.Tests;

/// <summary>Per-VM caps hit by real guests: the guest gets the Linux errno, the VM and its siblings keep working.</summary>
public sealed class LimitTests
{
    [Fact]
    public async Task ProcessBombGetsEagainAndTheVmRecoversWhileASiblingVmKeepsWorking()
    {
        using var vm = await TestVm.CreateAsync(new ResourceLimits { MaxProcesses = 8 });
        using var sibling = await TestVm.CreateAsync(new ResourceLimits { MaxProcesses = 8 });

        // The sleeps must not hold the shell's output pipes (EOF would wait for them). With the table full, the
        // shell's next foreground command cannot be spawned either: EAGAIN, as Linux gives under RLIMIT_NPROC.
        var bomb = vm.ShAsync("i=0; while [ $i -lt 40 ]; do sleep 60 >/dev/null 2>&1 & i=$((i+1)); done; echo spawned; true; /bin/echo never");
        var siblingResult = await sibling.ShAsync("echo sibling ok");
        var result = await bomb;

        Assert.Equal("sibling ok\n", siblingResult.Stdout);
        Assert.Equal("spawned\n", result.Stdout);
        Assert.Contains("Resource temporarily unavailable", result.Stderr, StringComparison.Ordinal);
        var processes = vm.Kernel.Registry.Find(LimitNames.Processes)!;
        Assert.Equal(8, processes.HighWater);
        Assert.Equal(7, processes.Current); // the orphaned sleeps hold the table

        // Kill the bomb's leftovers; the budget returns and the VM runs commands again.
        foreach (var process in vm.Kernel.Processes.Snapshot().Where(p => p.State != ProcessState.Zombie))
        {
            vm.Kernel.Processes.Kill(null, process.Pid, Signals.SIGKILL);
        }

        Assert.Equal(0, processes.Current);
        Assert.Equal("ok\n", (await vm.ShAsync("echo ok")).Stdout);
    }

    [Fact]
    public async Task WritingPastMaxFilesystemBytesFailsWithEnospcAndDeletingFreesTheBudget()
    {
        using var vm = await TestVm.CreateAsync(new ResourceLimits { MaxFilesystemBytes = 1 << 20 });

        var full = await vm.ShAsync("head -c 2000000 /dev/zero > f; echo rc=$?; wc -c < f");
        var bytes = vm.Kernel.Registry.Find(LimitNames.FilesystemBytes)!;
        var usedWhenFull = bytes.Current;
        var freed = await vm.ShAsync("rm f; head -c 500000 /dev/zero > g && wc -c < g");

        Assert.Contains("No space left on device", full.Stderr, StringComparison.Ordinal);
        var lines = full.Stdout.Split('\n');
        Assert.Equal("rc=1", lines[0]);
        var kept = long.Parse(lines[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(kept, 1, 1 << 20);
        Assert.True(usedWhenFull <= 1 << 20 && usedWhenFull >= kept, $"used {usedWhenFull}, file {kept}");
        Assert.Equal("500000\n", freed.Stdout);
        Assert.InRange(bytes.Current, 500_000, 600_000);
    }

    [Fact]
    public async Task DfReportsTheFilesystemCapAsTheDiskSize()
    {
        using var vm = await TestVm.CreateAsync(new ResourceLimits { MaxFilesystemBytes = 8 << 20 });

        var result = await vm.ShAsync("df / | tail -1 | awk '{print $2}'");

        Assert.Equal("8192\n", result.Stdout);
    }

    [Fact]
    public async Task ShellThatExhaustsItsDescriptorsDiesAloneAndTheVmKeepsServing()
    {
        using var vm = await TestVm.CreateAsync(new ResourceLimits { MaxOpenFds = 12 });

        // brush 0.3 unwraps EMFILE/ENFILE and panics (a guest defect, also seen on the reference VM); the kernel answered
        // EMFILE, only that shell ended, and the next command runs.
        var exhausted = await vm.ShAsync("for i in 3 4 5 6 7 8 9 10 11 12 13; do eval \"exec $i</dev/null\"; done; echo never");
        var after = await vm.ShAsync("echo ok");

        Assert.DoesNotContain("never", exhausted.Stdout, StringComparison.Ordinal);
        // EMFILE (its own table) or ENFILE (the VM total): with both caps at 12, whichever the shell meets first.
        Assert.Matches("No file descriptors available|Too many open files in system", exhausted.Stderr);
        Assert.Equal("ok\n", after.Stdout);
        Assert.Equal(0, vm.Kernel.Registry.Find(LimitNames.OpenFds)!.Current);
    }

    [Fact]
    public async Task AnArgumentListPastTheCapIsE2bigAndNothingStarts()
    {
        using var vm = await TestVm.CreateAsync(new ResourceLimits { MaxProcessArgvBytes = 64 << 10 });

        var result = await vm.ShAsync("x=$(head -c 100000 /dev/zero | tr '\\0' a); /bin/echo \"$x\" | wc -c; echo small | wc -c");

        Assert.Contains("Argument list too long", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("0\n6\n", result.Stdout);
    }
}
