namespace AgentOs.Cli.Tests;

/// <summary>The CLI as a child process, for everything that needs no VM: help, bad input, limits table, software list.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task HelpListsEveryCommandOnStdoutAndExitsZero()
    {
        CliResult result = await CliRunner.RunAsync(["--help"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (string command in new[] { "exec", "run", "sh", "limits", "software" })
        {
            Assert.Contains(command, result.Stdout, StringComparison.Ordinal);
        }

        Assert.Contains("agentos", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stderr);
    }

    [Fact]
    public async Task SubcommandHelpDescribesTheLimitOptions()
    {
        CliResult result = await CliRunner.RunAsync(["exec", "--help"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (string option in new[] { "--max-processes", "--max-open-fds", "--max-sockets", "--max-filesystem-bytes", "--max-wasm-stack-bytes", "--max-wasm-memory-bytes", "--limits", "--software", "--cwd", "--env", "--log-level" })
        {
            Assert.Contains(option, result.Stdout, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("--max-filesystem-bytes", "12X")]
    [InlineData("--max-wasm-memory-bytes", "1.5G")]
    [InlineData("--max-wasm-stack-bytes", "lots")]
    public async Task BadSizeIsOneLineOnStderrWithExitTwo(string option, string value)
    {
        CliResult result = await CliRunner.RunAsync(["limits", option, value]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(string.Empty, result.Stdout);
        string line = Assert.Single(result.StderrLines);
        Assert.Contains(option, line, StringComparison.Ordinal);
        Assert.Contains(value, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("exec", "--bogus", "true")]
    [InlineData("run", "--bogus", "ls")]
    [InlineData("sh", "--bogus")]
    [InlineData("limits", "--bogus")]
    [InlineData("software", "list", "--bogus")]
    [InlineData("frobnicate")]
    public async Task UnknownOptionOrCommandIsAUsageError(params string[] args)
    {
        CliResult result = await CliRunner.RunAsync(args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(string.Empty, result.Stdout);
        string line = Assert.Single(result.StderrLines);
        Assert.StartsWith("agentos: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingLimitsFileIsOneLineNamingTheFile()
    {
        string path = Path.Combine(Path.GetTempPath(), "agentos-no-such-" + Guid.NewGuid().ToString("N") + ".json");

        CliResult result = await CliRunner.RunAsync(["limits", "--limits", path]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Contains(path, Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DirectoryAsLimitsFileIsUnreadable()
    {
        using var temp = new TempDirectory();

        CliResult result = await CliRunner.RunAsync(["exec", "--limits", temp.Path, "true"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("cannot read", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ not json", "not valid JSON")]
    [InlineData("{\"limits\":{\"resources\":{\"maxProcesse\":8}}}", "limits.resources.maxProcesse")]
    [InlineData("{\"limits\":{\"resources\":{\"maxProcesses\":\"8\"}}}", "limits.resources.maxProcesses must be an integer")]
    [InlineData("{\"limits\":{\"resources\":{\"maxProcesses\":0}}}", "limits.resources.maxProcesses must be between")]
    [InlineData("{\"limits\":{\"resources\":[]}}", "limits.resources must be an object")]
    public async Task InvalidLimitsFileIsOneLineNamingTheProblem(string json, string expected)
    {
        using var temp = new TempDirectory();
        string path = temp.Write("limits.json", json);

        CliResult result = await CliRunner.RunAsync(["limits", "--limits", path]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Contains(expected, Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidLimitValueNamesTheField()
    {
        CliResult result = await CliRunner.RunAsync(["limits", "--max-open-fds", "1"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("limits.resources.maxOpenFds", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadEnvPairIsAUsageError()
    {
        CliResult result = await CliRunner.RunAsync(["limits", "--env", "NOVALUE"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("K=V", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LimitsTableShowsDefaultAndEffectiveValues()
    {
        CliResult result = await CliRunner.RunAsync(["limits", "--max-processes", "64", "--max-filesystem-bytes", "1G"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(string.Empty, result.Stderr);
        Assert.Equal(["limits.resources.maxProcesses", "256", "64"], Row(result.Stdout, "maxProcesses")[1..]);
        Assert.Equal(["limits.resources.maxOpenFds", "1024", "1024"], Row(result.Stdout, "maxOpenFds")[1..]);
        Assert.Equal(["limits.resources.maxFilesystemBytes", "67108864 (64 MiB)", "1073741824 (1 GiB)"], Row(result.Stdout, "maxFilesystemBytes")[1..]);
        var rows = typeof(AgentOs.Kernel.Limits.ResourceLimits).GetProperties().Length;
        Assert.Equal(rows, result.Stdout.Split('\n').Count(l => l.Contains("limits.resources.", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task LimitsFileSetsValuesAndFlagsOverrideIt()
    {
        using var temp = new TempDirectory();
        string path = temp.Write("limits.json", """{"software":["x"],"limits":{"resources":{"maxProcesses":8,"maxOpenFds":20,"maxWasmStackBytes":2097152}}}""");

        CliResult result = await CliRunner.RunAsync(["limits", "--limits", path, "--max-processes", "64"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("64", Row(result.Stdout, "maxProcesses")[3]);
        Assert.Equal("20", Row(result.Stdout, "maxOpenFds")[3]);
        Assert.Equal("2097152 (2 MiB)", Row(result.Stdout, "maxWasmStackBytes")[3]);
    }

    [Fact]
    public async Task SoftwareListShowsCachedPackagesOnStdout()
    {
        using var cache = new TempDirectory();
        string sha = new('a', 64);
        cache.Write($"packages/sha256-{sha}.aospkg", new string('x', 1536));
        cache.Write("packages/refs/coreutils@0.3.4", $"sha256-{sha}\n");
        cache.Write("packages/refs/dangling@1.0.0", $"sha256-{new string('b', 64)}\n");

        CliResult result = await CliRunner.RunAsync(["software", "list"], new Dictionary<string, string?> { ["AGENTOS_CACHE_DIR"] = cache.Path });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["coreutils", "0.3.4", "1.5 KiB", sha], Row(result.Stdout, "coreutils"));
        Assert.DoesNotContain("dangling", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stderr);
    }

    [Fact]
    public async Task SoftwareListOnAnEmptyCacheSaysSoOnStderr()
    {
        using var cache = new TempDirectory();

        CliResult result = await CliRunner.RunAsync(["software", "list"], new Dictionary<string, string?> { ["AGENTOS_CACHE_DIR"] = cache.Path });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Contains("no cached packages", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SoftwareFetchOfAnInvalidNameFailsWithOneLine()
    {
        using var cache = new TempDirectory();

        CliResult result = await CliRunner.RunAsync(["software", "fetch", "Not A Name"], new Dictionary<string, string?> { ["AGENTOS_CACHE_DIR"] = cache.Path });

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Contains("not a valid package name", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }

    /// <summary>The cells of the table row whose first cell is <paramref name="first"/>.</summary>
    private static string[] Row(string table, string first)
    {
        foreach (string line in table.Split('\n'))
        {
            string[] cells = line.Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (cells.Length > 0 && cells[0] == first)
            {
                return cells;
            }
        }

        throw new Xunit.Sdk.XunitException($"no row '{first}' in:\n{table}");
    }
}
