using System.Diagnostics;
using System.Runtime.InteropServices;

namespace AgentOs.Cli.Tests;

/// <summary>Ctrl-C (SIGINT) to the CLI reaches the guest and the CLI exits instead of waiting for the guest's script.</summary>
public sealed partial class SignalTests
{
    private const int SIGINT = 2;

    [Fact]
    public async Task SigintReachesTheGuestAndTheCliExitsWith130()
    {
        using Process cli = CliRunner.Start(["exec", "--log-level", "debug", "echo ready; sleep 60; sleep 60; echo never"]);
        Task<string> stderr = cli.StandardError.ReadToEndAsync();
        Assert.Equal("ready", await cli.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(3)));
        var stopwatch = Stopwatch.StartNew();

        Assert.Equal(0, Kill(cli.Id, SIGINT));

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var exitedInTime = true;
        try
        {
            await cli.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            exitedInTime = false;
            cli.Kill(entireProcessTree: true);
        }

        Assert.True(exitedInTime, $"the CLI was still running 30 s after SIGINT; stderr: {await stderr}");

        string rest = await cli.StandardOutput.ReadToEndAsync();
        Assert.True(cli.ExitCode == 130, $"exit {cli.ExitCode}; stderr: {await stderr}");
        Assert.DoesNotContain("never", rest, StringComparison.Ordinal);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), stopwatch.Elapsed.ToString());
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
