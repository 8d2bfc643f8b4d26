using System.CommandLine;
using System.Text.Json;
using AgentOs.Software;
using Spectre.Console;

namespace AgentOs.Cli;

/// <summary><c>agentos software list</c> and <c>agentos software fetch [name…]</c>.</summary>
internal static class SoftwareCommands
{
    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true };

    public static Command Create()
    {
        var json = VmCommands.JsonOption("{cacheDirectory, packages: [{name, version, size, sha256}]}");
        var list = new Command("list", "List the packages in the local cache ($AGENTOS_CACHE_DIR, else ~/.cache/agentos).") { json };
        list.SetAction(parse => List(parse.GetValue(json)));

        var names = new Argument<string[]>("name")
        {
            Description = $"Packages to fetch (coreutils, sed@0.3.4, {SoftwareCatalog.Scope}/grep, or '{SoftwareCatalog.CommonName}'). Default {SoftwareCatalog.CommonName}.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var fetch = new Command("fetch", "Download packages into the cache (progress on stderr); later runs need no network.") { names };
        fetch.SetAction((parse, ct) => FetchAsync(parse.GetValue(names) ?? [], ct));

        return new Command("software", "Manage the guest software cache.") { list, fetch };
    }

    /// <summary>Downloads whatever of <paramref name="names"/> is not cached yet, with the progress view; a warm cache
    /// costs a few file checks and shows nothing.</summary>
    public static async Task EnsureCachedAsync(IReadOnlyList<string> names, CancellationToken ct)
    {
        using var resolver = new SoftwareResolver();
        if (!AllCached(names, new SoftwareCache(resolver.CacheDirectory)))
        {
            await SoftwareProgressView.RunAsync(progress => resolver.ResolveAsync(names, progress, ct)).ConfigureAwait(false);
        }
    }

    private static int List(bool json)
    {
        var cache = new SoftwareCache(SoftwareCache.DefaultRoot(Environment.GetEnvironmentVariable));
        var rows = new List<(string Name, string Version, long Size, string Sha)>();
        if (Directory.Exists(cache.RefsDirectory))
        {
            foreach (string file in Directory.EnumerateFiles(cache.RefsDirectory))
            {
                string entry = Path.GetFileName(file);
                int at = entry.LastIndexOf('@');
                if (at <= 0 || !cache.TryGetRef(entry[..at], entry[(at + 1)..], out string sha))
                {
                    continue;
                }

                rows.Add((entry[..at], entry[(at + 1)..], new FileInfo(cache.BlobPath(sha)).Length, sha));
            }
        }

        rows.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name) is var byName and not 0 ? byName : string.CompareOrdinal(a.Version, b.Version));
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(
                new { cacheDirectory = cache.Root, packages = rows.Select(r => new { name = r.Name, version = r.Version, size = r.Size, sha256 = r.Sha }) },
                IndentedJson));
            return ExitCodes.Success;
        }

        if (rows.Count == 0)
        {
            Console.Error.WriteLine($"agentos: no cached packages in {cache.Root} (run 'agentos software fetch')");
            return ExitCodes.Success;
        }

        var table = new Table().Title($"packages in {Markup.Escape(cache.Root)}");
        table.AddColumns("name", "version", "size", "sha256");
        foreach (var row in rows)
        {
            table.AddRow(Markup.Escape(row.Name), Markup.Escape(row.Version), SoftwareProgressView.FormatBytes(row.Size), row.Sha);
        }

        CliConsoles.Stdout().Write(table);
        return ExitCodes.Success;
    }

    private static async Task<int> FetchAsync(string[] names, CancellationToken ct)
    {
        using var resolver = new SoftwareResolver();
        IReadOnlyList<string> requested = names.Length == 0 ? [SoftwareCatalog.CommonName] : names;
        IReadOnlyList<CachedPackage> packages = await SoftwareProgressView
            .RunAsync(progress => resolver.ResolveAsync(requested, progress, ct))
            .ConfigureAwait(false);
        var table = new Table();
        table.AddColumns("name", "version", "path");
        foreach (CachedPackage package in packages)
        {
            table.AddRow(Markup.Escape(package.Name), Markup.Escape(package.Version), Markup.Escape(package.Path));
        }

        CliConsoles.Stdout().Write(table);
        return ExitCodes.Success;
    }

    private static bool AllCached(IReadOnlyList<string> names, SoftwareCache cache)
    {
        try
        {
            return names.All(name => SoftwareCatalog.IsLocalPath(name) || WasmPrograms.IsWasmSpec(name)
                || SoftwareCatalog.Parse(name).All(request => cache.TryGetRef(request.Name, request.Version, out _)));
        }
        catch (SoftwareException)
        {
            // Let the resolver report the bad name with its own message.
            return true;
        }
    }
}
