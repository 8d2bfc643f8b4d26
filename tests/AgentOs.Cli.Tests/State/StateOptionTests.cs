namespace AgentOs.Cli.Tests.State;

public sealed class StateOptionTests
{
    [Fact]
    public async Task StateCarriesFilesFromRunToRun()
    {
        using var directory = new TempDirectory();
        var state = Path.Combine(directory.Path, "vm.state");
        CliResult first = await CliRunner.RunAsync(["exec", "--state", state, "echo one > /workspace/f; mkdir /workspace/d"]);
        Assert.Equal(0, first.ExitCode);
        Assert.True(File.Exists(state));

        CliResult second = await CliRunner.RunAsync(["run", "--state", state, "sh", "-c", "cat /workspace/f; echo two >> /workspace/f"]);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal("one\n", second.Stdout);

        CliResult third = await CliRunner.RunAsync(["exec", "--state", state, "cat /workspace/f; test -d /workspace/d && echo dir"]);
        Assert.Equal("one\ntwo\ndir\n", third.Stdout);

        // Only the state file is left in the directory: the temporary file was moved over it.
        Assert.Equal(["vm.state"], Directory.GetFiles(directory.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task ACorruptStateFailsWithAClearMessageAndIsLeftAlone()
    {
        using var directory = new TempDirectory();
        var state = directory.Write("vm.state", "AOSSTATE garbage that is not a state");
        CliResult result = await CliRunner.RunAsync(["exec", "--state", state, "echo ran"]);
        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("state:", result.Stderr);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Equal("AOSSTATE garbage that is not a state", File.ReadAllText(state));
    }

    [Fact]
    public async Task AStateTooLargeForTheLimitsIsRefusedNamingTheLimit()
    {
        using var directory = new TempDirectory();
        var state = Path.Combine(directory.Path, "vm.state");
        Assert.Equal(0, (await CliRunner.RunAsync(["exec", "--state", state, "head -c 3000000 /dev/zero > /workspace/big"])).ExitCode);
        CliResult result = await CliRunner.RunAsync(["exec", "--state", state, "--max-filesystem-bytes", "2M", "true"]);
        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("limits.resources.maxFilesystemBytes", result.Stderr);
    }
}
