using System.Text.Json;

namespace AgentOs.Cli.Tests;

/// <summary>What scripts read: <c>--json</c> output, completion scripts, and diagnostics kept apart with <c>--log-file</c>.</summary>
public sealed class MachineOutputTests
{
    [Fact]
    public async Task LimitsJsonListsEveryLimitWithItsEffectiveValueAndUsage()
    {
        var plain = await CliRunner.RunAsync(["limits", "--json", "--max-processes", "7"]);
        Assert.Equal(0, plain.ExitCode);
        using var limits = JsonDocument.Parse(plain.Stdout);
        var processes = limits.RootElement.EnumerateArray().Single(l => l.GetProperty("limit").GetString() == "maxProcesses");
        Assert.Equal("limits.resources.maxProcesses", processes.GetProperty("configPath").GetString());
        Assert.Equal(256, processes.GetProperty("default").GetInt64());
        Assert.Equal(7, processes.GetProperty("effective").GetInt64());
        Assert.False(processes.TryGetProperty("highWater", out _));

        var measured = await CliRunner.RunAsync(["limits", "--json", "--usage", "--", "true"]);
        Assert.Equal(0, measured.ExitCode);
        using var usage = JsonDocument.Parse(measured.Stdout);
        Assert.Equal(1, usage.RootElement.EnumerateArray().Single(l => l.GetProperty("limit").GetString() == "maxProcesses").GetProperty("highWater").GetInt64());
    }

    [Fact]
    public async Task SoftwareListJsonNamesTheCacheAndItsPackages()
    {
        var result = await CliRunner.RunAsync(["software", "list", "--json"]);
        Assert.Equal(0, result.ExitCode);
        using var list = JsonDocument.Parse(result.Stdout);
        Assert.Equal(CliRunner.CacheDirectory, list.RootElement.GetProperty("cacheDirectory").GetString());
        var coreutils = list.RootElement.GetProperty("packages").EnumerateArray().First(p => p.GetProperty("name").GetString() == "coreutils");
        Assert.Matches("^[0-9a-f]{64}$", coreutils.GetProperty("sha256").GetString());
        Assert.True(coreutils.GetProperty("size").GetInt64() > 0);
    }

    [Fact]
    public async Task LogFileKeepsTheClisDiagnosticsOutOfTheGuestsStderr()
    {
        using var dir = new TempDirectory();
        string log = Path.Combine(dir.Path, "agentos.log");
        var result = await CliRunner.RunAsync(["exec", "--log-level", "debug", "--log-file", log, "echo guest >&2"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("guest\n", result.Stderr);
        Assert.Contains(File.ReadAllLines(log), l => l.Contains("DEBUG AgentOs: vm created", StringComparison.Ordinal));

        var unwritable = await CliRunner.RunAsync(["exec", "--log-file", Path.Combine(dir.Path, "missing", "x.log"), "true"]);
        Assert.Equal(2, unwritable.ExitCode);
        Assert.StartsWith("agentos: --log-file: cannot open", unwritable.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("agentos software l", "list")]
    [InlineData("agentos exec --max-pr", "--max-processes")]
    [InlineData("agentos sh --max-pt", "--max-ptys")]
    [InlineData("agentos limits --j", "--json")]
    [InlineData("agentos comp", "completion")]
    public async Task BashCompletionCompletesCommandsAndTheirOptions(string line, string expected)
    {
        using var dir = new TempDirectory();
        string script = Path.Combine(dir.Path, "agentos.bash");
        File.WriteAllText(script, CompletionCommand.Script("bash", CliApp.BuildRoot()));
        string[] words = line.Split(' ');
        var bash = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash")
        {
            ArgumentList = { "-c", $"source '{script}'; COMP_WORDS=({line}); COMP_CWORD={words.Length - 1}; _agentos; printf '%s\\n' \"${{COMPREPLY[@]}}\"" },
            RedirectStandardOutput = true,
        })!;
        string output = await bash.StandardOutput.ReadToEndAsync();
        await bash.WaitForExitAsync();
        Assert.Equal([expected], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task CompletionPrintsAScriptForEachShell()
    {
        foreach (string shell in new[] { "bash", "zsh", "pwsh" })
        {
            var result = await CliRunner.RunAsync(["completion", shell]);
            Assert.Equal(0, result.ExitCode);
            Assert.Contains("software list", result.Stdout, StringComparison.Ordinal);
            Assert.Contains("--max-processes", result.Stdout, StringComparison.Ordinal);
        }

        Assert.Equal(2, (await CliRunner.RunAsync(["completion", "fish"])).ExitCode);
    }
}
