using System.Security.Cryptography;
using AgentOs.Kernel.Packages;
using AgentOs.Software;

namespace AgentOs.Tests.Software;

/// <summary>The library's own programs carry the content key computed at build time for the module they embed.</summary>
public sealed class OwnProgramTests
{
    public static TheoryData<string> Commands() => [.. OwnProgram.All.Select(p => p.Command)];

    [Theory]
    [MemberData(nameof(Commands))]
    public void TheBuiltHashIsTheSha256OfTheEmbeddedModule(string command)
    {
        var own = OwnProgram.All.Single(p => p.Command == command);
        var (package, sha256) = own.Get();

        Assert.Equal(PackageEntryKind.File, package.Entries[package.IndexOf("/bin/" + command)].Kind);
        using var stream = typeof(OwnProgram).Assembly.GetManifestResourceStream($"AgentOs.Software.{command}.wasm")!;
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(stream)), sha256);
    }
}
