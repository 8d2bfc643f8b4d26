using AgentOs.Software;

namespace AgentOs.Tests.Software;

public sealed class SoftwareCatalogTests
{
    [Fact]
    public void CommonExpandsToThePinnedSetOfEightPackages()
    {
        string[] expected =
        [
            "coreutils@0.3.4", "sed@0.3.4", "grep@0.3.4", "gawk@0.3.4",
            "findutils@0.3.4", "diffutils@0.3.4", "tar@0.3.5", "gzip@0.3.4",
        ];
        Assert.Equal(expected, SoftwareCatalog.Parse("common").Select(p => $"{p.Name}@{p.Version}"));
        Assert.Equal(expected, SoftwareCatalog.Parse("@agentos-software/common@0.2.21").Select(p => $"{p.Name}@{p.Version}"));
    }

    [Theory]
    [InlineData("coreutils", "coreutils", "0.3.4")]
    [InlineData("@agentos-software/coreutils", "coreutils", "0.3.4")]
    [InlineData("tar", "tar", "0.3.5")]
    [InlineData("sed@0.3.1", "sed", "0.3.1")]
    [InlineData("@agentos-software/jq", "jq", "latest")]
    [InlineData("@agentos-software/jq@1.7.1", "jq", "1.7.1")]
    public void NamesResolveToPinnedOrExplicitVersions(string spec, string name, string version)
    {
        PackageRequest request = Assert.Single(SoftwareCatalog.Parse(spec));
        Assert.Equal(new PackageRequest(name, version), request);
    }

    [Theory]
    [InlineData("./coreutils.aospkg", true)]
    [InlineData("/tmp/x", true)]
    [InlineData("pkg.AOSPKG", true)]
    [InlineData("~/p", true)]
    [InlineData("coreutils", false)]
    [InlineData("@agentos-software/coreutils", false)]
    [InlineData("@evil/coreutils", false)]
    public void LocalPathsAreRecognised(string spec, bool local) => Assert.Equal(local, SoftwareCatalog.IsLocalPath(spec));
}
