using System.Text;

namespace AgentOs.Software;

/// <summary>
/// Finds the npm registry the way npm does for our scope: the <c>npm_config_registry</c> environment variable, then
/// <c>.npmrc</c> in the project directory, then <c>~/.npmrc</c> (a <c>@agentos-software:registry=</c> line wins over
/// <c>registry=</c> within a file), else the public registry.
/// </summary>
internal static class NpmRegistry
{
    public const string DefaultRegistry = "https://registry.npmjs.org/";

    public static Uri Resolve(Func<string, string?> environment, string? projectDirectory, string? homeDirectory)
    {
        string? fromEnvironment = environment("npm_config_registry") ?? environment("NPM_CONFIG_REGISTRY");
        string? registry = !string.IsNullOrWhiteSpace(fromEnvironment)
            ? fromEnvironment
            : FromNpmrc(projectDirectory, environment) ?? FromNpmrc(homeDirectory, environment);
        return Normalize(registry ?? DefaultRegistry);
    }

    /// <summary>The registry URL with a trailing slash, so relative package paths append to it.</summary>
    public static Uri Normalize(string registry)
    {
        string trimmed = registry.Trim();
        if (!Uri.TryCreate(trimmed.EndsWith('/') ? trimmed : trimmed + "/", UriKind.Absolute, out Uri? uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new SoftwareException($"npm registry \"{registry}\" is not an http(s) URL");
        }

        return uri;
    }

    private static string? FromNpmrc(string? directory, Func<string, string?> environment)
    {
        if (string.IsNullOrEmpty(directory))
        {
            return null;
        }

        string path = Path.Combine(directory, ".npmrc");
        if (!File.Exists(path))
        {
            return null;
        }

        string? plain = null;
        string? scoped = null;
        foreach (string raw in File.ReadLines(path))
        {
            string line = raw.Trim();
            int equals = line.IndexOf('=', StringComparison.Ordinal);
            if (line.Length == 0 || line[0] is '#' or ';' || equals < 0)
            {
                continue;
            }

            string key = line[..equals].Trim();
            string value = ExpandEnvironment(line[(equals + 1)..].Trim().Trim('"'), environment);
            if (key == "registry")
            {
                plain = value;
            }
            else if (key == SoftwareCatalog.Scope + ":registry")
            {
                scoped = value;
            }
        }

        return scoped ?? plain;
    }

    /// <summary>npm expands <c>${NAME}</c> in .npmrc values (once; expanded text is not rescanned).</summary>
    private static string ExpandEnvironment(string value, Func<string, string?> environment)
    {
        var result = new StringBuilder();
        int position = 0;
        int start;
        while ((start = value.IndexOf("${", position, StringComparison.Ordinal)) >= 0)
        {
            int end = value.IndexOf('}', start);
            if (end < 0)
            {
                break;
            }

            result.Append(value, position, start - position).Append(environment(value[(start + 2)..end]));
            position = end + 1;
        }

        return result.Append(value, position, value.Length - position).ToString();
    }
}
