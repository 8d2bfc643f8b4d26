namespace AgentOs.Cli.Tests;

/// <summary>--allow-net and --max-sockets on the VM commands.</summary>
public sealed class NetworkOptionTests
{
    [Fact]
    public async Task AllowNetIsListedInExecHelp()
    {
        CliResult result = await CliRunner.RunAsync(["exec", "--help"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("--allow-net", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("HOST[:PORT]", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("example.com:http")]
    [InlineData("example.com:70000")]
    [InlineData(":80")]
    public async Task MalformedAllowNetRuleIsOneLineOnStderrWithExitTwo(string rule)
    {
        CliResult result = await CliRunner.RunAsync(["exec", "--allow-net", rule, "echo never"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(string.Empty, result.Stdout);
        Assert.StartsWith($"agentos: --allow-net: rule \"{rule}\": ", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dns.example")]
    [InlineData("10.0.0.1:0")]
    public async Task MalformedDnsServerIsOneLineOnStderrWithExitTwo(string server)
    {
        CliResult result = await CliRunner.RunAsync(["exec", "--dns-server", server, "echo never"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(string.Empty, result.Stdout);
        Assert.StartsWith("agentos: --dns-server: ", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AValidDnsServerIsAccepted()
    {
        CliResult result = await CliRunner.RunAsync(["exec", "--dns-server", "127.0.0.1:5353", "--dns-server", "[::1]", "echo ok"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("ok\n", result.Stdout);
    }

    [Fact]
    public async Task MaxSocketsAndAllowNetReachTheVm()
    {
        CliResult result = await CliRunner.RunAsync(
            ["limits", "--usage", "--max-sockets", "7", "--allow-net", "example.com:443", "--allow-net", "*.internal", "--", "echo ok"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("ok\n", result.Stderr);
        string row = result.Stdout.Split('\n').Single(l => l.Contains("limits.resources.maxSockets", StringComparison.Ordinal));
        string[] cells = row.Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["maxSockets", "limits.resources.maxSockets"], cells[..2]);
        Assert.Equal("7", cells[3]);
    }
}
