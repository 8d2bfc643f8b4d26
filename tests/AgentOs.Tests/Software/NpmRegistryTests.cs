using AgentOs.Software;

namespace AgentOs.Tests.Software;

public sealed class NpmRegistryTests : IDisposable
{
    private readonly TempDirectory _project = new();
    private readonly TempDirectory _home = new();

    public void Dispose()
    {
        _project.Dispose();
        _home.Dispose();
    }

    private static Func<string, string?> Env(params (string Key, string Value)[] vars) =>
        key => vars.FirstOrDefault(v => v.Key == key).Value;

    private async Task<string> RequestedUrl(Func<string, string?> environment)
    {
        var handler = new FakeRegistryHandler();
        using var cache = new TempDirectory();
        using var resolver = new SoftwareResolver(new SoftwareResolverOptions
        {
            CacheDirectory = cache.Path,
            ProjectDirectory = _project.Path,
            HomeDirectory = _home.Path,
            HttpMessageHandler = handler,
            Environment = environment,
        });
        await Assert.ThrowsAsync<SoftwareException>(() => resolver.ResolveAsync(["demo@1.0.0"]));
        return Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task DefaultsToThePublicRegistry()
    {
        Assert.Equal("https://registry.npmjs.org/@agentos-software%2fdemo/1.0.0", await RequestedUrl(Env()));
    }

    [Fact]
    public async Task EnvironmentVariableWinsOverNpmrc()
    {
        File.WriteAllText(Path.Combine(_project.Path, ".npmrc"), "registry=https://project.test/\n");
        string url = await RequestedUrl(Env(("npm_config_registry", "http://env.test:4873")));
        Assert.Equal("http://env.test:4873/@agentos-software%2fdemo/1.0.0", url);
    }

    [Fact]
    public async Task ProjectNpmrcWinsOverHomeNpmrc()
    {
        File.WriteAllText(Path.Combine(_project.Path, ".npmrc"), "# mirror\nfund=false\nregistry = https://project.test/npm/\n");
        File.WriteAllText(Path.Combine(_home.Path, ".npmrc"), "registry=https://home.test/\n");
        Assert.Equal("https://project.test/npm/@agentos-software%2fdemo/1.0.0", await RequestedUrl(Env()));
    }

    [Fact]
    public async Task HomeNpmrcIsUsedAndScopedRegistryWins()
    {
        File.WriteAllText(
            Path.Combine(_home.Path, ".npmrc"),
            "registry=https://home.test/\n@agentos-software:registry=https://${MIRROR_HOST}/scoped\n");
        string url = await RequestedUrl(Env(("MIRROR_HOST", "mirror.test")));
        Assert.Equal("https://mirror.test/scoped/@agentos-software%2fdemo/1.0.0", url);
    }

    [Fact]
    public void NonHttpRegistryIsRejected()
    {
        Assert.Throws<SoftwareException>(() => NpmRegistry.Normalize("file:///etc"));
    }
}
