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

    // npm's unscoped names: ^[a-z0-9][a-z0-9._-]*$, at most 214 characters.
    [Theory]
    [InlineData("coreutils", true)]
    [InlineData("0x-tools_2.b", true)]
    [InlineData("a", true)]
    [InlineData("", false)]
    [InlineData(".hidden", false)]
    [InlineData("-flag", false)]
    [InlineData("Upper", false)]
    [InlineData("a/b", false)]
    [InlineData("../x", false)]
    [InlineData("caf\u00e9", false)]
    [InlineData("a b", false)]
    public void PackageNamesFollowNpmRules(string name, bool valid) => Assert.Equal(valid, SoftwareCatalog.IsValidName(name));

    [Fact]
    public void PackageNamesHaveALengthCap()
    {
        Assert.True(SoftwareCatalog.IsValidName(new string('a', 214)));
        Assert.False(SoftwareCatalog.IsValidName(new string('a', 215)));
    }

    // Semver or dist-tag, safe in a cache file name: ^[0-9A-Za-z][0-9A-Za-z.+-]*$, at most 128 characters.
    [Theory]
    [InlineData("0.3.4", true)]
    [InlineData("1.0.0-rc.1+build.5", true)]
    [InlineData("latest", true)]
    [InlineData("Next", true)]
    [InlineData("", false)]
    [InlineData("-1", false)]
    [InlineData("1.0/..", false)]
    [InlineData("1_0", false)]
    [InlineData("1 0", false)]
    public void VersionsAreSemverOrTags(string version, bool valid) => Assert.Equal(valid, SoftwareCatalog.IsValidVersion(version));
}
