using AgentOs.Software;

namespace AgentOs.Tests.Software;

public sealed class SoftwareResolverTests : IDisposable
{
    private const string Registry = "https://registry.test/";
    private readonly TempDirectory _cache = new();

    public void Dispose() => _cache.Dispose();

    private SoftwareResolver Resolver(HttpMessageHandler handler, string? registry = Registry) => new(new SoftwareResolverOptions
    {
        CacheDirectory = _cache.Path,
        Registry = registry,
        HttpMessageHandler = handler,
    });

    private static async Task<IReadOnlyList<CachedPackage>> Resolve(SoftwareResolver resolver, params string[] names) =>
        await resolver.ResolveAsync(names);

    [Fact]
    public async Task DownloadVerifiesExtractsAndStoresContentAddressed()
    {
        byte[] aospkg = TinyAospkg.Build("demo", "1.0.0");
        var handler = new FakeRegistryHandler().Publish(Registry, "demo", "1.0.0", TinyAospkg.Tarball(aospkg));
        var reports = new List<SoftwareProgress>();
        using var resolver = Resolver(handler);

        IReadOnlyList<CachedPackage> packages = await resolver.ResolveAsync(["@agentos-software/demo@1.0.0"], new SyncProgress(reports));

        CachedPackage package = Assert.Single(packages);
        Assert.Equal(("demo", "1.0.0", TinyAospkg.Sha256(aospkg)), (package.Name, package.Version, package.Sha256));
        Assert.Equal(Path.Combine(_cache.Path, "packages", $"sha256-{package.Sha256}.aospkg"), package.Path);
        Assert.Equal(aospkg, File.ReadAllBytes(package.Path));
        Assert.Equal($"sha256-{package.Sha256}\n", File.ReadAllText(Path.Combine(_cache.Path, "packages", "refs", "demo@1.0.0")));
        Assert.Equal(
            [$"{Registry}@agentos-software%2fdemo/1.0.0", $"{Registry}@agentos-software/demo/-/demo-1.0.0.tgz"],
            handler.Requests);
        Assert.Equal(
            [SoftwarePhase.Resolving, SoftwarePhase.Downloading, SoftwarePhase.Verifying, SoftwarePhase.Extracting, SoftwarePhase.Done],
            reports.Select(r => r.Phase).Distinct());
        Assert.All(reports, r => Assert.Equal("demo", r.Package));
        Assert.Equal(2, _cache.AllFiles().Length);
    }

    [Fact]
    public async Task CachedPackageResolvesWithoutNetwork()
    {
        byte[] aospkg = TinyAospkg.Build("demo", "1.0.0");
        using (var online = Resolver(new FakeRegistryHandler().Publish(Registry, "demo", "1.0.0", TinyAospkg.Tarball(aospkg))))
        {
            await Resolve(online, "demo@1.0.0");
        }

        var offline = new FakeRegistryHandler { FailAll = true };
        using var resolver = Resolver(offline);
        CachedPackage package = Assert.Single(await Resolve(resolver, "demo@1.0.0", "@agentos-software/demo@1.0.0"));
        Assert.Equal(TinyAospkg.Sha256(aospkg), package.Sha256);
        Assert.Empty(offline.Requests);
    }

    [Fact]
    public async Task AlteredTarballFailsIntegrityAndLeavesNothingInTheCache()
    {
        byte[] tarball = TinyAospkg.Tarball(TinyAospkg.Build("demo", "1.0.0"));
        byte[] altered = (byte[])tarball.Clone();
        altered[^10] ^= 0xFF;
        using var resolver = Resolver(new FakeRegistryHandler().Publish(Registry, "demo", "1.0.0", tarball, servedTarball: altered));

        var error = await Assert.ThrowsAsync<SoftwareException>(() => Resolve(resolver, "demo@1.0.0"));

        Assert.Contains("integrity check failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("@agentos-software/demo@1.0.0", error.Message, StringComparison.Ordinal);
        Assert.Empty(_cache.AllFiles());
    }

    [Fact]
    public async Task InvalidAospkgInsideAVerifiedTarballIsRejectedAndNotCached()
    {
        byte[] broken = TinyAospkg.Build("demo", "1.0.0");
        broken[0] = 0;
        using var resolver = Resolver(new FakeRegistryHandler().Publish(Registry, "demo", "1.0.0", TinyAospkg.Tarball(broken)));

        var error = await Assert.ThrowsAsync<SoftwareException>(() => Resolve(resolver, "demo@1.0.0"));

        Assert.Contains("not a valid .aospkg", error.Message, StringComparison.Ordinal);
        Assert.Contains("magic", error.Message, StringComparison.Ordinal);
        Assert.Empty(_cache.AllFiles());
    }

    [Fact]
    public async Task TarballWithoutAospkgIsRejected()
    {
        using var resolver = Resolver(new FakeRegistryHandler().Publish(Registry, "demo", "1.0.0", TinyAospkg.Tarball(null)));
        var error = await Assert.ThrowsAsync<SoftwareException>(() => Resolve(resolver, "demo@1.0.0"));
        Assert.Contains("no package/dist/package.aospkg", error.Message, StringComparison.Ordinal);
        Assert.Empty(_cache.AllFiles());
    }

    [Fact]
    public async Task MissingIntegrityIsRefused()
    {
        byte[] tarball = TinyAospkg.Tarball(TinyAospkg.Build("demo", "1.0.0"));
        using var resolver = Resolver(new FakeRegistryHandler().Publish(Registry, "demo", "1.0.0", tarball, integrity: "sha1-AAAA"));
        var error = await Assert.ThrowsAsync<SoftwareException>(() => Resolve(resolver, "demo@1.0.0"));
        Assert.Contains("no sha512 dist.integrity", error.Message, StringComparison.Ordinal);
        Assert.Empty(_cache.AllFiles());
    }

    [Fact]
    public async Task UnknownPackageReportsNotFound()
    {
        using var resolver = Resolver(new FakeRegistryHandler());
        var error = await Assert.ThrowsAsync<SoftwareException>(() => Resolve(resolver, "nosuch@9.9.9"));
        Assert.Contains("@agentos-software/nosuch@9.9.9: not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalAospkgPathWorksOffline()
    {
        byte[] aospkg = TinyAospkg.Build("local", "0.0.1");
        string path = Path.Combine(_cache.Path, "mine.aospkg");
        File.WriteAllBytes(path, aospkg);
        var offline = new FakeRegistryHandler { FailAll = true };
        using var resolver = Resolver(offline);

        CachedPackage package = Assert.Single(await Resolve(resolver, path));

        Assert.Equal(new CachedPackage("local", "0.0.1", path, TinyAospkg.Sha256(aospkg)), package);
        Assert.Empty(offline.Requests);
    }

    [Fact]
    public async Task CorruptLocalAospkgIsRejectedWithTheReason()
    {
        byte[] aospkg = TinyAospkg.Build("local", "0.0.1");
        string path = Path.Combine(_cache.Path, "bad.aospkg");
        File.WriteAllBytes(path, aospkg[..20]);
        using var resolver = Resolver(new FakeRegistryHandler { FailAll = true });

        var error = await Assert.ThrowsAsync<SoftwareException>(() => Resolve(resolver, path));
        Assert.Contains("truncated file", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<SoftwareException>(() => Resolve(resolver, Path.Combine(_cache.Path, "missing.aospkg")));
    }

    [Fact]
    public async Task CommonAtAnotherVersionExpandsFromItsDependencies()
    {
        const string json = """
            {"name":"@agentos-software/common","version":"9.0.0",
             "dependencies":{"@agentos-software/demo":"1.0.0","left-pad":"^1.0.0"},
             "dist":{"tarball":"https://registry.test/common.tgz","integrity":"sha512-x"}}
            """;
        byte[] aospkg = TinyAospkg.Build("demo", "1.0.0");
        var handler = new FakeRegistryHandler()
            .Serve($"{Registry}@agentos-software%2fcommon/9.0.0", System.Text.Encoding.UTF8.GetBytes(json))
            .Publish(Registry, "demo", "1.0.0", TinyAospkg.Tarball(aospkg));
        using var resolver = Resolver(handler);

        CachedPackage package = Assert.Single(await Resolve(resolver, "common@9.0.0"));

        Assert.Equal("demo", package.Name);
        Assert.DoesNotContain(handler.Requests, url => url.EndsWith("common.tgz", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ForeignScopeAndInvalidNamesAreRejected()
    {
        using var resolver = Resolver(new FakeRegistryHandler { FailAll = true });
        var foreign = await Assert.ThrowsAsync<SoftwareException>(() => Resolve(resolver, "@evil/coreutils"));
        Assert.Contains("only @agentos-software/* packages", foreign.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<SoftwareException>(() => Resolve(resolver, "Core Utils"));
        var badVersion = await Assert.ThrowsAsync<SoftwareException>(() => Resolve(resolver, "coreutils@-1"));
        Assert.Contains("not a valid package name", badVersion.Message, StringComparison.Ordinal);
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; tests need the reports in order.</summary>
    private sealed class SyncProgress(List<SoftwareProgress> reports) : IProgress<SoftwareProgress>
    {
        public void Report(SoftwareProgress value) => reports.Add(value);
    }
}
