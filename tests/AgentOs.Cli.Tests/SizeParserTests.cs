namespace AgentOs.Cli.Tests;

public sealed class SizeParserTests
{
    [Theory]
    [InlineData("65536", 65536L)]
    [InlineData("64K", 64L << 10)]
    [InlineData("64k", 64L << 10)]
    [InlineData("256MiB", 256L << 20)]
    [InlineData("256mib", 256L << 20)]
    [InlineData("1G", 1L << 30)]
    [InlineData("2 GiB", 2L << 30)]
    [InlineData("10b", 10L)]
    public void AcceptsBytesAndBinarySuffixes(string text, long expected)
    {
        Assert.True(SizeParser.TryParse(text, out long bytes));
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12X")]
    [InlineData("-1")]
    [InlineData("1.5M")]
    [InlineData("M")]
    [InlineData("10MB")]
    [InlineData("99999999999999999999")]
    [InlineData("9999999999999G")]
    public void RejectsAnythingElse(string text) => Assert.False(SizeParser.TryParse(text, out _));
}
