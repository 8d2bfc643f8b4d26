using AgentOs.Software;

namespace AgentOs.Tests.Software;

public sealed class SoftwareCacheTests : IDisposable
{
    private const string Sha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private readonly TempDirectory _root = new();
    private readonly SoftwareCache _cache;

    public SoftwareCacheTests()
    {
        _cache = new SoftwareCache(_root.Path);
        Directory.CreateDirectory(_cache.RefsDirectory);
    }

    public void Dispose() => _root.Dispose();

    [Fact]
    public void AWrittenRefWithItsBlobResolvesToTheDigest()
    {
        File.WriteAllBytes(_cache.BlobPath(Sha), [1]);
        _cache.WriteRef("sed", "0.3.4", Sha);

        Assert.True(_cache.TryGetRef("sed", "0.3.4", out var sha));
        Assert.Equal(Sha, sha);
    }

    [Fact]
    public void ARefWithSurroundingWhitespaceStillResolves()
    {
        File.WriteAllBytes(_cache.BlobPath(Sha), [1]);
        File.WriteAllText(Path.Combine(_cache.RefsDirectory, "sed@1"), $" sha256-{Sha}\r\n");

        Assert.True(_cache.TryGetRef("sed", "1", out var sha));
        Assert.Equal(Sha, sha);
    }

    [Theory]
    [InlineData(null)] // no ref file
    [InlineData("")]
    [InlineData("sha512-abc\n")]
    [InlineData("sha256-ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff\n")] // its blob is missing
    public void ARefThatNamesNoCachedBlobIsAMiss(string? content)
    {
        File.WriteAllBytes(_cache.BlobPath(Sha), [1]);
        if (content is not null)
        {
            File.WriteAllText(Path.Combine(_cache.RefsDirectory, "sed@1"), content);
        }

        Assert.False(_cache.TryGetRef("sed", "1", out var sha));
        Assert.Equal(string.Empty, sha);
    }

    [Fact]
    public void AnOversizedRefIsAMissEvenIfItStartsWithAValidDigest()
    {
        File.WriteAllBytes(_cache.BlobPath(Sha), [1]);
        File.WriteAllText(Path.Combine(_cache.RefsDirectory, "sed@1"), $"sha256-{Sha}" + new string(' ', 200) + "x");

        Assert.False(_cache.TryGetRef("sed", "1", out _));
    }
}
