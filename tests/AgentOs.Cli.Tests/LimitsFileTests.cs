using System.Text;
using AgentOs.Kernel.Limits;

namespace AgentOs.Cli.Tests;

public sealed class LimitsFileTests
{
    [Fact]
    public void ReadsEveryResourceFieldInCamelCase()
    {
        ResourceLimits limits = LimitsFile.Parse(Encoding.UTF8.GetBytes("""
            // comments are allowed
            {"limits":{"resources":{"maxProcesses":64,"maxOpenFds":20,"maxFilesystemBytes":5000000000,"cpuCount":2,"maxSockets":null}}}
            """));

        Assert.Equal(64, limits.MaxProcesses);
        Assert.Equal(20, limits.MaxOpenFds);
        Assert.Equal(5_000_000_000L, limits.MaxFilesystemBytes);
        Assert.Equal(2, limits.CpuCount);
        Assert.Null(limits.MaxSockets);
        Assert.Null(limits.MaxPipes);
    }

    [Fact]
    public void FileWithoutLimitsMeansDefaults() =>
        Assert.Equal(EffectiveLimits.Default, LimitsFile.Parse("""{"software":["common"]}"""u8).Resolve());

    [Theory]
    [InlineData("""{"limits":{"process":{}}}""", "limits.process is not supported")]
    [InlineData("""{"limits":{"resources":{"maxOpenFds":1.5}}}""", "limits.resources.maxOpenFds must be an integer")]
    [InlineData("""{"limits":{"resources":{"maxOpenFds":3000000000}}}""", "limits.resources.maxOpenFds must be an integer")]
    [InlineData("""{"limits":{"resources":{"MaxOpenFds":3}}}""", "limits.resources.MaxOpenFds is not a known limit")]
    [InlineData("""[1]""", "expected a JSON object")]
    public void RejectsShapesItCannotHonour(string json, string message)
    {
        var e = Assert.Throws<FormatException>(() => LimitsFile.Parse(Encoding.UTF8.GetBytes(json)));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }
}
