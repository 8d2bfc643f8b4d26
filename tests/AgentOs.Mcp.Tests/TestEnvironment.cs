namespace AgentOs.Mcp.Tests;

/// <summary>Where the tests find the built CLI, the dotnet host and the shared package cache.</summary>
internal static class TestEnvironment
{
    /// <summary>The CLI assembly; the project reference copies it (with runtimeconfig and deps) next to the tests.</summary>
    public static string CliDll { get; } = Path.Combine(AppContext.BaseDirectory, "AgentOs.Cli.dll");

    /// <summary>Same rule as tests/AgentOs.Tests/Software/TestPackageCache.cs, so only the first run downloads.</summary>
    public static string CacheDirectory { get; } = AgentOs.Testing.TestCache.Directory;

    /// <summary>The dotnet host running the tests (the SDK sets DOTNET_HOST_PATH), else the one on PATH.</summary>
    public static string DotnetHost()
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        string? process = Environment.ProcessPath;
        return process is not null && Path.GetFileNameWithoutExtension(process) == "dotnet" ? process : "dotnet";
    }
}
