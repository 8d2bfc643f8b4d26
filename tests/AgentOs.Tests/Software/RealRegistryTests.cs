using System.Diagnostics;
using System.Security.Cryptography;
using AgentOs.Software;
using Xunit.Abstractions;

namespace AgentOs.Tests.Software;

/// <summary>Talks to the real npm registry (reachable in CI); keeps to two packages so the suite stays fast.</summary>
public sealed class RealRegistryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task CoreutilsFromTheRegistryIsCachedAndThenResolvesWithoutNetwork()
    {
        var watch = Stopwatch.StartNew();
        CachedPackage coreutils = await TestPackageCache.CoreutilsAsync();
        output.WriteLine($"coreutils ready in {watch.ElapsedMilliseconds} ms at {coreutils.Path}");

        Assert.Equal(("coreutils", "0.3.4"), (coreutils.Name, coreutils.Version));
        Assert.Equal(67_222_550, new FileInfo(coreutils.Path).Length);
        await using (FileStream stream = File.OpenRead(coreutils.Path))
        {
            Assert.Equal(coreutils.Sha256, Convert.ToHexStringLower(await SHA256.HashDataAsync(stream)));
        }

        var offline = new FakeRegistryHandler { FailAll = true };
        using var resolver = new SoftwareResolver(new SoftwareResolverOptions
        {
            CacheDirectory = TestPackageCache.Directory,
            HttpMessageHandler = offline,
        });
        Assert.Equal(coreutils, Assert.Single(await resolver.ResolveAsync(["@agentos-software/coreutils"])));
        Assert.Empty(offline.Requests);
    }

    [Fact]
    public async Task SmallPackageDownloadsIntoAFreshCacheWithProgress()
    {
        using var cache = new TempDirectory();
        var reports = new List<SoftwareProgress>();
        using var resolver = new SoftwareResolver(new SoftwareResolverOptions
        {
            CacheDirectory = cache.Path,
            Registry = NpmRegistry.DefaultRegistry,
        });

        var watch = Stopwatch.StartNew();
        CachedPackage grep = Assert.Single(await resolver.ResolveAsync(["grep"], new ListProgress(reports)));
        output.WriteLine($"grep 0.3.4 downloaded in {watch.ElapsedMilliseconds} ms");

        Assert.Equal(("grep", "0.3.4"), (grep.Name, grep.Version));
        Assert.Equal(113_402, new FileInfo(grep.Path).Length);
        Assert.Equal(grep.Sha256, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(grep.Path))));
        SoftwareProgress lastDownload = reports.Last(r => r.Phase == SoftwarePhase.Downloading);
        Assert.Equal(lastDownload.BytesTotal, lastDownload.BytesDone);
        Assert.True(lastDownload.BytesDone > 10_000);
        Assert.Equal(SoftwarePhase.Done, reports[^1].Phase);
        Assert.Equal(2, cache.AllFiles().Length);
    }

    private sealed class ListProgress(List<SoftwareProgress> reports) : IProgress<SoftwareProgress>
    {
        public void Report(SoftwareProgress value) => reports.Add(value);
    }
}
