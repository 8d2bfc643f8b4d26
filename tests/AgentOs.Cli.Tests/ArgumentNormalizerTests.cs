using System.CommandLine;

namespace AgentOs.Cli.Tests;

public sealed class ArgumentNormalizerTests
{
    private static readonly HashSet<string> PassThrough = ["exec", "run", "limits"];

    [Theory]
    [InlineData("run ls -la", "run -- ls -la")]
    [InlineData("run --max-processes 3 ls -la", "run --max-processes 3 -- ls -la")]
    [InlineData("run --max-processes=3 --software x ls", "run --max-processes=3 --software x -- ls")]
    [InlineData("exec --env A=1 echo --x", "exec --env A=1 -- echo --x")]
    [InlineData("exec -- echo --x", "exec -- echo --x")]
    [InlineData("limits --usage --max-open-fds 20 true", "limits --usage --max-open-fds 20 -- true")]
    [InlineData("sh --max-processes 3", "sh --max-processes 3")]
    [InlineData("run --help", "run --help")]
    public void EverythingFromTheFirstPositionalBelongsToTheGuest(string input, string expected)
    {
        Command root = CliApp.BuildRoot();

        string[] normalized = ArgumentNormalizer.Normalize(root, input.Split(' '), PassThrough);

        Assert.Equal(expected, string.Join(' ', normalized));
    }

    [Fact]
    public void UnknownOptionBeforeTheProgramIsAUsageError()
    {
        var e = Assert.Throws<CliUsageException>(() => ArgumentNormalizer.Normalize(CliApp.BuildRoot(), ["run", "--nope", "ls"], PassThrough));
        Assert.Contains("--nope", e.Message, StringComparison.Ordinal);
    }
}
