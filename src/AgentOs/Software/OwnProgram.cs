using AgentOs.Kernel.Packages;

namespace AgentOs.Software;

/// <summary>
/// A command the library builds itself (Software/NAME/NAME.c, a plain wasm32-wasip1 program, embedded) as an
/// in-memory package. <see cref="Grep"/>: the published <c>@agentos-software/grep</c> ships only the
/// <c>egrep</c>/<c>fgrep</c> wrappers that call <c>grep</c>. <see cref="Tac"/>: the published uutils tac cannot read
/// a pipe (it memory-maps a temp copy, which its wasm build cannot), so it replaces coreutils' tac. <see cref="Cat"/>:
/// the published uutils cat refuses paths that are pipes or devices (its wasm build knows only files, directories and
/// symlinks), so it replaces coreutils' cat. <see cref="Mkfifo"/>: the published coreutils has none.
/// <see cref="Diff"/>: the published diffutils does not split bundled short options (<c>diff -rq</c>), so it replaces
/// diffutils' diff. <see cref="Awk"/>: The One True Awk (Software/Awk, vendored C sources, several files), because the
/// published <c>gawk</c> package's awk (a Rust awk) runs the whole program once per file operand (<c>END{print NR}</c>
/// over two files prints twice); it replaces that package's <c>awk</c>, its only command. <see cref="Gzip"/>
/// (Software/Gzip, Rust): the published gzip has no -t; it replaces its gzip, gunzip and zcat. One package per
/// process, shared by every VM like a cached .aospkg, so a VM pays no copy of the module.
/// </summary>
internal sealed partial class OwnProgram
{
    public static readonly OwnProgram Grep = new("grep", companion: "grep", replaces: false);
    public static readonly OwnProgram Tac = new("tac", companion: "coreutils", replaces: true);
    public static readonly OwnProgram Cat = new("cat", companion: "coreutils", replaces: true);
    public static readonly OwnProgram Mkfifo = new("mkfifo", companion: "coreutils", replaces: false);
    public static readonly OwnProgram Diff = new("diff", companion: "diffutils", replaces: true);
    public static readonly OwnProgram Awk = new("awk", companion: "gawk", replaces: true);
    public static readonly OwnProgram Gzip = new("gzip", companion: "gzip", replaces: true, also: ["gunzip", "zcat"]);

    /// <summary>Every command the library carries, in install order.</summary>
    public static IReadOnlyList<OwnProgram> All { get; } = [Grep, Tac, Cat, Mkfifo, Diff, Awk, Gzip];

    private readonly Lazy<(AospkgPackage Package, string Sha256)> _loaded;

    private OwnProgram(string command, string companion, bool replaces, string[]? also = null)
    {
        Command = command;
        Commands = [command, .. also ?? []];
        Companion = companion;
        Replaces = replaces;
        _loaded = new(Load);
    }

    /// <summary>The command, also the resource's and the source's name.</summary>
    public string Command { get; }

    /// <summary>Every name the module is installed under (<see cref="Command"/> first); it tells them apart by argv[0].</summary>
    public IReadOnlyList<string> Commands { get; }

    /// <summary>The registry package whose presence in a VM's software installs this command.</summary>
    public string Companion { get; }

    /// <summary>True when the commands replace the companion's own commands of those names.</summary>
    public bool Replaces { get; }

    /// <summary>The package and the SHA-256 of its module (the kernel's content key).</summary>
    public (AospkgPackage Package, string Sha256) Get() => _loaded.Value;

    private (AospkgPackage, string) Load()
    {
        var resourceName = $"AgentOs.Software.{Command}.wasm";
        using var stream = typeof(OwnProgram).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The library was built without its {resourceName} resource.");
        var wasm = new byte[stream.Length];
        stream.ReadExactly(wasm);
        var sha256 = BuiltSha256(Command);

        // Mode bits as the published packages carry them: directories 0755, the command 0755, owned by root.
        var entryPath = "/bin/" + Command;
        PackageEntry[] entries =
        [
            new("/", PackageEntryKind.Directory, 0, 0, 0x41ED, 0, 0, 0, null),
            new("/bin", PackageEntryKind.Directory, 0, 0, 0x41ED, 0, 0, 0, null),
            new(entryPath, PackageEntryKind.File, 0, wasm.Length, 0x81ED, 0, 0, 0, null),
        ];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Length; i++)
        {
            index[entries[i].Path] = i;
        }

        var package = new AospkgPackage(new MemoryPackageSource(wasm), "agentos-" + Command, "1.0.0", 0, entries, index,
            [.. Commands.Select(name => new PackageCommand(name, entryPath))]);
        return (package, sha256);
    }
}
