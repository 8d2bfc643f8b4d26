using System.Text;
using AgentOs.Kernel;
using AgentOs.Kernel.Processes;

namespace AgentOs.Tests.Vm;

public sealed class ProcessTests
{
    [Fact]
    public async Task EchoPipedToWcCountsSixBytes()
    {
        await using var vm = await VmOptions.CreateVmAsync();
        var result = await vm.ExecAsync("echo hello | wc -c");
        Assert.Equal(0, result.ExitCode);
        Assert.Null(result.Signal);
        Assert.Equal("6\n", result.Stdout);
        Assert.Equal(string.Empty, result.Stderr);
        Assert.False(result.StdoutTruncated);
    }

    [Fact]
    public async Task ExitCodeAndStderrAreSeparateFromStdout()
    {
        await using var vm = await VmOptions.CreateVmAsync();
        var result = await vm.ExecAsync("echo out; echo err >&2; exit 3");
        Assert.Equal(3, result.ExitCode);
        Assert.Equal("out\n", result.Stdout);
        Assert.Equal("err\n", result.Stderr);
    }

    [Fact]
    public async Task UnknownCommandInTheShellExitsWith127()
    {
        await using var vm = await VmOptions.CreateVmAsync();
        var result = await vm.ExecAsync("no-such-command");
        Assert.Equal(127, result.ExitCode);
        Assert.Contains("no-such-command", result.Stderr);
    }

    [Fact]
    public async Task RunAsyncPassesArgumentsVerbatimWithoutAShell()
    {
        await using var vm = await VmOptions.CreateVmAsync();
        var result = await vm.RunAsync("echo", ["a  b", "$HOME", "*"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("a  b $HOME *\n", result.Stdout);
        Assert.True(result.Pid > 0);
    }

    [Fact]
    public async Task RunAsyncOfAMissingProgramReports127LikeAShell()
    {
        await using var vm = await VmOptions.CreateVmAsync();
        var result = await vm.RunAsync("no-such-program", ["x"]);
        Assert.Equal(127, result.ExitCode);
        Assert.Equal(0, result.Pid);
        Assert.Contains("no-such-program: command not found", result.Stderr);
    }

    [Fact]
    public async Task SpawnOfAMissingProgramThrowsWithEnoent()
    {
        await using var vm = await VmOptions.CreateVmAsync();
        var ex = Assert.Throws<AgentOsSpawnException>(() => vm.Spawn("no-such-program"));
        Assert.Equal(Errno.ENOENT, ex.Errno);
        Assert.Equal(127, ex.ShellExitCode);
        Assert.Equal(0, vm.LimitUsage.Single(u => u.Limit == "vm_pipes").Current);
    }

    [Fact]
    public async Task StdinTextIsFedAndClosed()
    {
        await using var vm = await VmOptions.CreateVmAsync();
        var result = await vm.ExecAsync("tr a-z A-Z", new ExecOptions { StdinText = "hello\nworld\n" });
        Assert.Equal("HELLO\nWORLD\n", result.Stdout);
    }

    [Fact]
    public async Task EnvironmentAndWorkingDirectoryMatchTheReferenceVm()
    {
        await using var vm = await VmOptions.CreateVmAsync(configure: o => o.Env["EXTRA"] = "1");
        var result = await vm.RunAsync("env", options: new ExecOptions { Env = new Dictionary<string, string> { ["PER_RUN"] = "2" } });
        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n');
        foreach (var expected in new[]
        {
            "HOME=/home/agentos", "USER=agentos", "LOGNAME=agentos", "SHELL=/bin/sh", "HOSTNAME=agentos", "LANG=C.UTF-8",
            "LC_COLLATE=C", "TMPDIR=/tmp", "CHARSET=UTF-8", "PAGER=less", "PWD=/workspace", "EXTRA=1", "PER_RUN=2",
            "PATH=/opt/agentos/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        })
        {
            Assert.Contains(expected, lines);
        }

        var shell = await vm.ExecAsync("echo $SHLVL; pwd; id -u");
        Assert.Equal("1\n/workspace\n1000\n", shell.Stdout);
    }

    [Fact]
    public async Task RootUserRunsAsUidZeroWithRootHome()
    {
        await using var vm = await VmOptions.CreateVmAsync(configure: o => o.User = VmUser.Root);
        var result = await vm.ExecAsync("id -u; echo $HOME");
        Assert.Equal("0\n/root\n", result.Stdout);
    }

    [Fact]
    public async Task CapturedOutputIsBoundedDrainedAndFlagged()
    {
        await using var vm = await VmOptions.CreateVmAsync();
        var result = await vm.ExecAsync("seq 1 100000; echo done >&2", new ExecOptions { MaxCapturedOutputBytes = 1000 });
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(1000, result.StdoutBytes.Length);
        Assert.True(result.StdoutTruncated);
        Assert.StartsWith("1\n2\n3\n", result.Stdout);
        Assert.Equal("done\n", result.Stderr);
        Assert.False(result.StderrTruncated);
    }

    [Fact]
    public async Task SignalDeathReports128PlusTheSignal()
    {
        await using var vm = await VmOptions.CreateVmAsync();
        await using var sleep = vm.Spawn("sleep", ["100"]);
        Assert.True(sleep.Signal(Signals.SIGTERM));
        var exit = await sleep.WaitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(new ProcessExit(143, Signals.SIGTERM), exit);
        Assert.False(sleep.Signal(Signals.SIGTERM));
    }

    [Fact]
    public async Task CancellingExecKillsTheProcessGroup()
    {
        await using var vm = await VmOptions.CreateVmAsync();
        using var cts = new CancellationTokenSource();
        var run = vm.ExecAsync("sleep 100 | cat", cancellationToken: cts.Token);
        await VmOptions.WaitUntilAsync(() => vm.Processes.Any(p => p.Command.EndsWith("sleep", StringComparison.Ordinal)), "sleep started");
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        await VmOptions.WaitUntilAsync(() => vm.Processes.Count == 0, "every process gone");
    }

    [Fact]
    public async Task SpawnStreamsStdinThroughCatToStdout()
    {
        await using var vm = await VmOptions.CreateVmAsync();
        await using var cat = vm.Spawn("cat");
        var reader = new StreamReader(cat.StandardOutput, Encoding.UTF8);
        for (var i = 0; i < 100; i++)
        {
            await cat.WriteStdinAsync($"line {i}\n");
            Assert.Equal($"line {i}", await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)));
        }

        cat.CloseStdin();
        Assert.Null(await reader.ReadLineAsync());
        Assert.Equal(new ProcessExit(0, null), await cat.WaitAsync());
    }

    [Fact]
    public async Task OutputBackpressureBlocksTheGuestAndLosesNothing()
    {
        await using var vm = await VmOptions.CreateVmAsync();
        await using var seq = vm.Spawn("seq", ["1", "1000000"]);
        var pipe = seq.StdoutPipe;

        // Nobody reads: the guest fills the pipe and then blocks in write.
        await VmOptions.WaitUntilAsync(() => pipe.BufferedBytes == pipe.Capacity, "the stdout pipe is full");
        await Task.Delay(500);
        Assert.False(seq.HasExited);
        Assert.Equal(65536, pipe.Capacity);
        Assert.True(pipe.BufferedBytes <= 65536);
        Assert.Contains(vm.Processes, p => p.Pid == seq.Pid && p.State == ProcessState.Running);

        var reader = new StreamReader(seq.StandardOutput, Encoding.ASCII);
        var expected = 1;
        while (await reader.ReadLineAsync() is { } line)
        {
            Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), line);
            expected++;
        }

        Assert.Equal(1_000_001, expected);
        Assert.Equal(0, (await seq.WaitAsync()).ExitCode);
    }

    [Fact]
    public async Task StdinBackpressureHoldsTheHostWriterAndLosesNothing()
    {
        await using var vm = await VmOptions.CreateVmAsync();
        await using var cat = vm.Spawn("cat");
        var data = new byte[1 << 20];
        new Random(7).NextBytes(data);
        var write = Task.Run(async () =>
        {
            await cat.StandardInput.WriteAsync(data);
            cat.CloseStdin();
        });

        // Nobody reads stdout: cat fills it and stops reading stdin, so the host's write cannot finish.
        await VmOptions.WaitUntilAsync(() => cat.StdoutPipe.BufferedBytes == cat.StdoutPipe.Capacity, "cat's stdout is full");
        await Task.Delay(300);
        Assert.False(write.IsCompleted);

        using var received = new MemoryStream();
        await cat.StandardOutput.CopyToAsync(received);
        await write;
        Assert.Equal(data, received.ToArray());
        Assert.Equal(0, (await cat.WaitAsync()).ExitCode);
    }

    [Fact]
    public async Task ProcessTreeShowsTheShellAndItsChild()
    {
        await using var vm = await VmOptions.CreateVmAsync();
        await using var shell = vm.Spawn("sh", ["-c", "sleep 100; echo after"]);
        await VmOptions.WaitUntilAsync(() => vm.Processes.Count == 2, "sh and sleep running");
        var tree = vm.GetProcessTree();
        var root = Assert.Single(tree);
        Assert.Equal(shell.Pid, root.Info.Pid);
        var child = Assert.Single(root.Children);
        Assert.EndsWith("sleep", child.Info.Command);

        // Killing the child lets the shell go on with its script.
        Assert.Equal(Errno.Success, vm.Kernel.Processes.Kill(null, child.Info.Pid, Signals.SIGKILL));
        var output = new StreamReader(shell.StandardOutput).ReadToEndAsync();
        Assert.Equal(0, (await shell.WaitAsync()).ExitCode);
        Assert.Equal("after\n", await output);
    }

    [Fact]
    public async Task KillEndsAProcessWithSigkill()
    {
        await using var vm = await VmOptions.CreateVmAsync();
        await using var sleeper = vm.Spawn("sleep", ["100"]);
        await VmOptions.WaitUntilAsync(() => vm.Processes.Any(p => p.Pid == sleeper.Pid && p.State == ProcessState.Running), "sleep running");

        sleeper.Kill();
        var exit = await sleeper.WaitAsync();

        Assert.Equal((137, (int?)9), (exit.ExitCode, exit.Signal));
    }
}
