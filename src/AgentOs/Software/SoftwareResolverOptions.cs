namespace AgentOs.Software;

/// <summary>Where <see cref="SoftwareResolver"/> finds packages and keeps them.</summary>
public sealed class SoftwareResolverOptions
{
    /// <summary>Cache root; default <c>$AGENTOS_CACHE_DIR</c>, else <c>~/.cache/agentos</c>.</summary>
    public string? CacheDirectory { get; set; }

    /// <summary>npm registry URL; default from <c>npm_config_registry</c>, <c>.npmrc</c>, else registry.npmjs.org.</summary>
    public string? Registry { get; set; }

    /// <summary>Directory whose <c>.npmrc</c> is consulted first; default the current directory.</summary>
    public string? ProjectDirectory { get; set; }

    /// <summary>Directory holding the user's <c>.npmrc</c>; default the user profile.</summary>
    public string? HomeDirectory { get; set; }

    /// <summary>HTTP handler for registry traffic (tests, proxies); the resolver does not dispose it.</summary>
    public HttpMessageHandler? HttpMessageHandler { get; set; }

    /// <summary>Environment lookup; tests replace it to avoid touching the process environment.</summary>
    internal Func<string, string?> Environment { get; set; } = System.Environment.GetEnvironmentVariable;
}
