namespace AgentOs.Sidecar;

/// <summary>How <see cref="SidecarClient.Start"/> launches the sidecar: <c>FileName Arguments… sidecar SidecarArguments…</c>.</summary>
public sealed class SidecarStartInfo
{
    /// <summary>The program: the <c>agentos</c> CLI, or the dotnet host (with the CLI's dll as first argument).</summary>
    public required string FileName { get; init; }

    /// <summary>Arguments before the <c>sidecar</c> subcommand, e.g. the path of AgentOs.Cli.dll.</summary>
    public IList<string> Arguments { get; init; } = [];

    /// <summary>Arguments after it, e.g. <c>--stdout-queue-frames 64</c>.</summary>
    public IList<string> SidecarArguments { get; init; } = [];

    /// <summary>Environment variables to set (null value: remove), e.g. <c>AGENTOS_CACHE_DIR</c> or <c>SECURE_EXEC_LOG</c>.</summary>
    public IDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>(StringComparer.Ordinal);

    /// <summary>Receives each line the sidecar logs on stderr; null discards them.</summary>
    public Action<string>? StandardErrorLine { get; init; }

    /// <summary>Runs the CLI from its assembly with the dotnet host: <c>dotnet &lt;cliDll&gt; sidecar</c>.</summary>
    public static SidecarStartInfo ForCliAssembly(string cliDll, string? dotnetHost = null) => new()
    {
        FileName = dotnetHost ?? "dotnet",
        Arguments = [cliDll],
    };
}
