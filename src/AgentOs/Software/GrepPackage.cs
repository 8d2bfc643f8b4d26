using System.Security.Cryptography;
using AgentOs.Kernel.Packages;

namespace AgentOs.Software;

/// <summary>
/// The repository's own <c>grep</c> (Software/Grep/grep.c, a plain wasm32-wasip1 program) as an in-memory package:
/// the published <c>@agentos-software/grep</c> ships only the <c>egrep</c>/<c>fgrep</c> wrappers that call
/// <c>grep</c>, so a VM that installs it also gets this command. One package per process, shared by every VM like a
/// cached .aospkg, so a VM pays no copy of the module.
/// </summary>
internal static class GrepPackage
{
    /// <summary>The registry package whose wrappers need this grep.</summary>
    public const string CompanionName = "grep";

    private const string ResourceName = "AgentOs.Software.Grep.grep.wasm";
    private const string EntryPath = "/bin/grep";

    private static readonly Lazy<(AospkgPackage Package, string Sha256)> Loaded = new(Load);

    /// <summary>The package and the SHA-256 of its module (the kernel's content key).</summary>
    public static (AospkgPackage Package, string Sha256) Get() => Loaded.Value;

    private static (AospkgPackage, string) Load()
    {
        using var stream = typeof(GrepPackage).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The library was built without its {ResourceName} resource.");
        var wasm = new byte[stream.Length];
        stream.ReadExactly(wasm);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(wasm));

        // Mode bits as the published packages carry them: directories 0755, the command 0755, owned by root.
        PackageEntry[] entries =
        [
            new("/", PackageEntryKind.Directory, 0, 0, 0x41ED, 0, 0, 0, null),
            new("/bin", PackageEntryKind.Directory, 0, 0, 0x41ED, 0, 0, 0, null),
            new(EntryPath, PackageEntryKind.File, 0, wasm.Length, 0x81ED, 0, 0, 0, null),
        ];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Length; i++)
        {
            index[entries[i].Path] = i;
        }

        var package = new AospkgPackage(new MemoryPackageSource(wasm), "agentos-grep", "1.0.0", 0, entries, index,
            [new PackageCommand("grep", EntryPath)]);
        return (package, sha256);
    }
}
