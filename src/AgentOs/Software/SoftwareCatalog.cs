
namespace AgentOs.Software;

/// <summary>
/// Turns the names a user gives (<c>coreutils</c>, <c>common</c>, <c>@agentos-software/sed@0.3.4</c>, a local
/// .aospkg path) into concrete requests, using the pinned versions the VM was tested with.
/// </summary>
internal static class SoftwareCatalog
{
    public const string Scope = "@agentos-software";
    public const string CommonName = "common";
    public const string CommonVersion = "0.2.21";

    /// <summary>The dependencies of <c>@agentos-software/common@0.2.21</c>, exactly as published.</summary>
    public static readonly IReadOnlyList<PackageRequest> CommonSet =
    [
        new("coreutils", "0.3.4"),
        new("sed", "0.3.4"),
        new("grep", "0.3.4"),
        new("gawk", "0.3.4"),
        new("findutils", "0.3.4"),
        new("diffutils", "0.3.4"),
        new("tar", "0.3.5"),
        new("gzip", "0.3.4"),
    ];

    /// <summary>True when <paramref name="spec"/> names a file rather than a registry package.</summary>
    public static bool IsLocalPath(string spec) =>
        spec.EndsWith(".aospkg", StringComparison.OrdinalIgnoreCase)
        || (!spec.StartsWith('@')
            && (spec.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal) || spec.StartsWith('.') || spec.StartsWith('~')));

    /// <summary>
    /// Parses a registry spec: <c>name</c>, <c>name@version</c>, <c>@agentos-software/name[@version]</c>. The set
    /// <c>common</c> at its pinned version expands here; at another version it is returned as-is and expanded from
    /// its registry metadata. Bare names default to the pinned version when the common set has one, else <c>latest</c>.
    /// </summary>
    public static IReadOnlyList<PackageRequest> Parse(string spec)
    {
        string rest = spec.Trim();
        if (rest.StartsWith('@'))
        {
            if (!rest.StartsWith(Scope + "/", StringComparison.Ordinal))
            {
                throw new SoftwareException($"\"{spec}\": only {Scope}/* packages can be installed");
            }

            rest = rest[(Scope.Length + 1)..];
        }

        int at = rest.IndexOf('@', StringComparison.Ordinal);
        string name = at < 0 ? rest : rest[..at];
        string? version = at < 0 ? null : rest[(at + 1)..];
        if (!IsValidName(name) || (version is not null && !IsValidVersion(version)))
        {
            throw new SoftwareException($"\"{spec}\" is not a valid package name (expected e.g. coreutils, sed@0.3.4 or {Scope}/grep)");
        }

        if (name == CommonName && (version is null || version == CommonVersion))
        {
            return CommonSet;
        }

        version ??= CommonSet.FirstOrDefault(p => p.Name == name)?.Version ?? "latest";
        return [new PackageRequest(name, version)];
    }

    /// <summary>npm's rules for the unscoped part of a name (lower case, URL- and file-name-safe).</summary>
    public static bool IsValidName(string name) =>
        name.Length is > 0 and <= 214 && IsNameStart(name[0]) && AllChars(name.AsSpan(1), static c => IsNameStart(c) || c is '.' or '_' or '-');

    /// <summary>A semver or dist-tag; also safe to use in a cache file name.</summary>
    public static bool IsValidVersion(string version) =>
        version.Length is > 0 and <= 128 && char.IsAsciiLetterOrDigit(version[0])
        && AllChars(version.AsSpan(1), static c => char.IsAsciiLetterOrDigit(c) || c is '.' or '+' or '-');

    // Character checks rather than regexes (^[a-z0-9][a-z0-9._-]*$): these run on every CLI start, where a regex's
    // set-up costs milliseconds.
    private static bool IsNameStart(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);

    private static bool AllChars(ReadOnlySpan<char> span, Func<char, bool> predicate)
    {
        foreach (var c in span)
        {
            if (!predicate(c))
            {
                return false;
            }
        }

        return true;
    }
}
