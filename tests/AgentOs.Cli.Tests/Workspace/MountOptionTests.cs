namespace AgentOs.Cli.Tests.Workspace;

public sealed class MountOptionTests
{
    [Fact]
    public async Task MountCopyInAndCopyOutMoveFilesAcrossARun()
    {
        using var project = new TempDirectory();
        using var input = new TempDirectory();
        using var output = new TempDirectory();
        project.Write("src/main.txt", "hello\n");
        input.Write("data.txt", "copied\n");
        CliResult result = await CliRunner.RunAsync([
            "exec", "--mount", project.Path + ":/project", "--mount", input.Path + ":/in:ro", "--copy-in", input.Path + "/data.txt:/workspace/data.txt",
            "--copy-out", "/workspace/result:" + Path.Combine(output.Path, "result"),
            "cat /project/src/main.txt /workspace/data.txt; echo built > /project/build.txt; touch /in/x; mkdir result; echo r > result/r.txt",
        ]);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("hello\ncopied\n", result.Stdout);
        Assert.Contains("Read-only file system", result.Stderr);
        Assert.Equal("built\n", File.ReadAllText(Path.Combine(project.Path, "build.txt")));
        Assert.False(File.Exists(Path.Combine(input.Path, "x")));
        Assert.Equal("r\n", File.ReadAllText(Path.Combine(output.Path, "result", "r.txt")));
    }

    [Fact]
    public async Task AMountWithARelativeGuestPathIsAUsageError()
    {
        using var project = new TempDirectory();
        CliResult result = await CliRunner.RunAsync(["exec", "--mount", project.Path + ":relative", "true"]);
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("not absolute", result.Stderr);
    }
}
