using System.Diagnostics;
using System.Runtime.InteropServices;

namespace AgentOs.Cli.Tests;

/// <summary>What ends a one-shot run: its top process, --timeout, or a signal to the CLI — and nothing runs after.</summary>
public sealed partial class RunEndTests
{
    [Fact]
    public async Task TimeoutKillsTheRunAndExitsWith124()
    {
        CliResult result = await CliRunner.RunAsync(["exec", "--timeout", "500ms", "echo start; sleep 60; echo after"]);

        Assert.True(result.ExitCode == 124, result.ToString());
        Assert.Equal("start\n", result.Stdout);
        Assert.Equal(["agentos: timed out after 500ms"], result.StderrLines);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1s")]
    [InlineData("soon")]
    [InlineData("10d")]
    public async Task BadTimeoutsAreUsageErrors(string value)
    {
        CliResult result = await CliRunner.RunAsync(["run", "--timeout", value, "true"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--timeout", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARunEndsWithItsTopProcessAndBackgroundJobsAreKilled()
    {
        // The background awk holds stdout open and spins; the run must still end when the shell exits.
        CliResult result = await CliRunner.RunAsync(["exec", "awk 'BEGIN { while (1) {} }' & echo started"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("started\n", result.Stdout);
    }

    [Theory]
    [InlineData(2)]  // SIGINT
    [InlineData(15)] // SIGTERM
    [InlineData(1)]  // SIGHUP
    public async Task ASignalToTheCliEndsTheWholeJobAndNothingRunsAfter(int signal)
    {
        // Before group signals meant the group, the shell survived, ran `echo after` and the CLI exited 0.
        using Process cli = CliRunner.Start(["exec", "echo ready; sleep 60; echo after"]);
        Task<string> stderr = cli.StandardError.ReadToEndAsync();
        Assert.Equal("ready", await cli.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(3)));

        Assert.Equal(0, Kill(cli.Id, signal));

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await cli.WaitForExitAsync(cts.Token);
        string rest = await cli.StandardOutput.ReadToEndAsync();
        Assert.True(cli.ExitCode == 128 + signal, $"exit {cli.ExitCode}; stdout after ready: '{rest}'; stderr: {await stderr}");
        Assert.Equal(string.Empty, rest);
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
