using System.Text.RegularExpressions;

namespace AgentOs.Cli.Tests;

/// <summary>
/// exec/run/sh/limits --usage as a user runs them: a real VM with the common software from the shared test cache
/// (downloaded on the first run only).
/// </summary>
public sealed partial class GuestCommandTests
{
    private const string WarningPattern =
        @"^\S+Z  WARN AgentOs\.Limits: bounded limit near capacity limit=vm_open_fds category=resource observed=(\d+) capacity=20 fill_percent=(\d+) vm=\w+ config=limits\.resources\.maxOpenFds$";

    /// <summary>Opens descriptors 3..9 in the shell, which takes the VM well past 80% of 20 descriptors.</summary>
    private static readonly string OpenFds = string.Concat(Enumerable.Range(3, 7).Select(fd => $"exec {fd}</etc/passwd; "));

    private static readonly string CloseFds = string.Concat(Enumerable.Range(3, 7).Select(fd => $"exec {fd}<&-; "));

    [Fact]
    public async Task PipelineOutputGoesToStdoutAndNothingElse()
    {
        CliResult result = await CliRunner.RunAsync(["exec", "echo hello | wc -c"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("6", result.Stdout.Trim());
        Assert.Equal(string.Empty, result.Stderr);
    }

    [Fact]
    public async Task GuestStdoutAndStderrStayApart()
    {
        CliResult result = await CliRunner.RunAsync(["exec", "echo out; echo err >&2"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("out\n", result.Stdout);
        Assert.Equal("err\n", result.Stderr);
    }

    [Theory]
    [InlineData("exit 3", 3)]
    [InlineData("true", 0)]
    [InlineData("false", 1)]
    [InlineData("kill -TERM $$", 128 + 15)]
    public async Task ExitCodeIsTheGuests(string commandLine, int expected)
    {
        CliResult result = await CliRunner.RunAsync(["exec", commandLine]);

        Assert.True(result.ExitCode == expected, result.ToString());
    }

    [Fact]
    public async Task RunPassesArgumentsLiterallyWithoutAShell()
    {
        CliResult result = await CliRunner.RunAsync(["run", "echo", "-n", "$HOME", "a  b"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("$HOME a  b", result.Stdout);
    }

    [Fact]
    public async Task MissingProgramExitsWith127AndOneLine()
    {
        CliResult result = await CliRunner.RunAsync(["run", "no-such-program"]);

        Assert.True(result.ExitCode == 127, result.ToString());
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Contains("no-such-program", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedirectedStdinReachesTheGuest()
    {
        CliResult result = await CliRunner.RunAsync(["exec", "tr a-z A-Z"], stdin: "hello\nworld\n");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("HELLO\nWORLD\n", result.Stdout);
    }

    [Fact]
    public async Task ShellReadsItsScriptFromStdin()
    {
        CliResult result = await CliRunner.RunAsync(["sh"], stdin: "echo from-sh\nexit 5\n");

        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.Equal("from-sh\n", result.Stdout);
    }

    [Fact]
    public async Task EnvAndCwdOptionsReachTheGuest()
    {
        CliResult result = await CliRunner.RunAsync(["exec", "--env", "FOO=bar baz", "--cwd", "/tmp", "echo \"$FOO\"; pwd"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("bar baz\n/tmp\n", result.Stdout);
    }

    [Fact]
    public async Task InvalidLimitFailsBeforeTheVmStarts()
    {
        CliResult result = await CliRunner.RunAsync(["exec", "--max-processes", "0", "echo never"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Contains("limits.resources.maxProcesses", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessLimitFromTheLimitsFileReachesTheGuest()
    {
        using var temp = new TempDirectory();
        string path = temp.Write("limits.json", """{"limits":{"resources":{"maxProcesses":1}}}""");

        CliResult result = await CliRunner.RunAsync(["exec", "--limits", path, "--log-level", "error", "/bin/true && echo spawned"]);

        Assert.NotEqual("spawned\n", result.Stdout);
        Assert.NotEqual(0, result.ExitCode);
    }

    [Fact]
    public async Task NearLimitWarningIsOneStderrLineOncePerCrossing()
    {
        CliResult result = await CliRunner.RunAsync(["exec", "--max-open-fds", "20", OpenFds + "echo opened"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("opened\n", result.Stdout);
        string warning = Assert.Single(result.StderrLines);
        Match match = WarningRegex().Match(warning);
        Assert.True(match.Success, warning);
        Assert.True(int.Parse(match.Groups[2].Value) >= 80, warning);
    }

    [Fact]
    public async Task WarningRepeatsOnlyAfterUsageDrainsToHalf()
    {
        CliResult result = await CliRunner.RunAsync(
            ["exec", "--max-open-fds", "20", $"{OpenFds}echo opened; {CloseFds}echo closed; {OpenFds}echo reopened"],
            new Dictionary<string, string?> { ["SECURE_EXEC_LOG"] = "debug" });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("opened\nclosed\nreopened\n", result.Stdout);
        var edges = result.StderrLines
            .Where(l => l.Contains("limit=vm_open_fds", StringComparison.Ordinal) && !l.Contains("limit usage", StringComparison.Ordinal))
            .ToList();
        Assert.True(edges.Count(l => WarningRegex().IsMatch(l)) >= 2, result.ToString());

        // Strict alternation: every warning after the first follows a "drained" line at <= 50%.
        for (int i = 0; i < edges.Count; i++)
        {
            if (i % 2 == 0)
            {
                Assert.Matches(WarningPattern, edges[i]);
            }
            else
            {
                Match drained = DrainedRegex().Match(edges[i]);
                Assert.True(drained.Success, edges[i]);
                Assert.True(int.Parse(drained.Groups[1].Value) <= 50, edges[i]);
            }
        }
    }

    [Fact]
    public async Task ErrorLevelQuietsTheWarning()
    {
        CliResult result = await CliRunner.RunAsync(
            ["exec", "--max-open-fds", "20", OpenFds + "echo opened"],
            new Dictionary<string, string?> { ["AGENTOS_LOG"] = "error" });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("opened\n", result.Stdout);
        Assert.Equal(string.Empty, result.Stderr);
    }

    [Fact]
    public async Task DebugAddsUsageSnapshotsOnStderrOnly()
    {
        CliResult result = await CliRunner.RunAsync(["exec", "echo hi"], new Dictionary<string, string?> { ["SECURE_EXEC_LOG"] = "debug" });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("hi\n", result.Stdout);
        foreach (string limit in new[] { "vm_processes", "vm_open_fds", "vm_pipes", "vm_filesystem_bytes" })
        {
            Assert.Contains(result.StderrLines, l => l.Contains("DEBUG AgentOs.Limits: limit usage", StringComparison.Ordinal)
                && l.Contains($"limit={limit} ", StringComparison.Ordinal) && l.Contains("high_water=", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task LogLevelFlagOverridesTheEnvironment()
    {
        CliResult result = await CliRunner.RunAsync(
            ["exec", "--log-level", "warn", "echo hi"],
            new Dictionary<string, string?> { ["SECURE_EXEC_LOG"] = "debug", ["AGENTOS_LOG_LEVEL"] = "trace" });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("hi\n", result.Stdout);
        Assert.Equal(string.Empty, result.Stderr);
    }

    [Fact]
    public async Task LimitsUsageShowsHighWaterMarksAfterTheCommand()
    {
        CliResult result = await CliRunner.RunAsync(["limits", "--usage", "--max-processes", "64", "--", "echo hello | cat"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("hello\n", result.Stderr);
        string processes = result.Stdout.Split('\n').Single(l => l.Contains("limits.resources.maxProcesses", StringComparison.Ordinal));
        string[] cells = processes.Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["maxProcesses", "limits.resources.maxProcesses", "256", "64", "0"], cells[..5]);
        Assert.True(int.Parse(cells[5]) >= 2, processes);
        Assert.Contains("high water", result.Stdout, StringComparison.Ordinal);
    }

    [GeneratedRegex(WarningPattern)]
    private static partial Regex WarningRegex();

    [GeneratedRegex(@"DEBUG AgentOs\.Limits: bounded limit drained back below threshold limit=vm_open_fds .*fill_percent=(\d+)")]
    private static partial Regex DrainedRegex();
}
