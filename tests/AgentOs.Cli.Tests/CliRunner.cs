using System.Diagnostics;
using System.Text;

namespace AgentOs.Cli.Tests;

/// <summary>Runs the built CLI as a child process (<c>dotnet AgentOs.Cli.dll …</c>) the way a user would.</summary>
internal static class CliRunner
{
    private static readonly string[] LogVariables = ["SECURE_EXEC_LOG", "AGENTOS_LOG", "AGENTOS_LOG_LEVEL"];

    /// <summary>The CLI assembly; the project reference copies it (with runtimeconfig and deps) next to the tests.</summary>
    public static string CliDll { get; } = Path.Combine(AppContext.BaseDirectory, "AgentOs.Cli.dll");

    /// <summary>The shared package cache of the test suites, so CLI runs stay warm across test runs.</summary>
    public static string CacheDirectory { get; } = AgentOs.Testing.TestCache.Directory;

    /// <summary>Starts the CLI with stdout/stderr redirected (stdin closed) for tests that interact with it while it runs.</summary>
    public static Process Start(IEnumerable<string> args)
    {
        ProcessStartInfo start = StartInfo(args, null);
        Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start the CLI");
        process.StandardInput.Close();
        return process;
    }

    public static async Task<CliResult> RunAsync(
        IEnumerable<string> args,
        IReadOnlyDictionary<string, string?>? env = null,
        string? stdin = null,
        TimeSpan? timeout = null)
    {
        ProcessStartInfo start = StartInfo(args, env);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the CLI");
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        Task copyOut = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        Task copyErr = process.StandardError.BaseStream.CopyToAsync(stderr);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(cts.Token);
            await Task.WhenAll(copyOut, copyErr).WaitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"agentos {string.Join(' ', start.ArgumentList.Skip(1))} did not finish; stderr: {Encoding.UTF8.GetString(stderr.ToArray())}");
        }

        return new CliResult(process.ExitCode, Encoding.UTF8.GetString(stdout.ToArray()), Encoding.UTF8.GetString(stderr.ToArray()));
    }

    private static ProcessStartInfo StartInfo(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? env)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(CliDll);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (string name in LogVariables)
        {
            start.Environment.Remove(name);
        }

        start.Environment["AGENTOS_CACHE_DIR"] = CacheDirectory;
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in env ?? new Dictionary<string, string?>())
        {
            start.Environment[key] = value;
        }

        return start;
    }

    /// <summary>The dotnet host running the tests (the SDK sets DOTNET_HOST_PATH), else the one on PATH.</summary>
    internal static string DotnetHost()
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
