using System.Diagnostics;
using System.Text;
using System.Text.Json;
using AgentOs.Sidecar;

namespace AgentOs.Cli.Tests.Sidecar;

/// <summary>Starts the real <c>agentos sidecar</c> (the built CLI dll), either behind a <see cref="SidecarClient"/> or raw.</summary>
internal sealed class SidecarHost : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    private SidecarHost(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
            }
        };
        _process.BeginErrorReadLine();
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static SidecarClient Client(params string[] sidecarArgs) => SidecarClient.Start(new SidecarStartInfo
    {
        FileName = DotnetHost(),
        Arguments = [CliRunner.CliDll],
        SidecarArguments = sidecarArgs,
        Environment = Environment(),
    });

    /// <summary>The sidecar with raw stdio, for tests that write frames and read stdout themselves.</summary>
    public static SidecarHost Raw(IReadOnlyDictionary<string, string?>? env = null, params string[] sidecarArgs)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(CliRunner.CliDll);
        start.ArgumentList.Add("sidecar");
        foreach (var arg in sidecarArgs)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in Environment().Concat(env ?? new Dictionary<string, string?>()))
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        return new SidecarHost(Process.Start(start) ?? throw new InvalidOperationException("could not start the sidecar"));
    }

    public async Task SendAsync(string line)
    {
        await _process.StandardInput.WriteAsync(line + "\n");
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>The next stdout line, which must be one JSON-RPC 2.0 object.</summary>
    public async Task<JsonElement> ReadFrameAsync(int timeoutMs = 60_000)
    {
        var line = await _process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMilliseconds(timeoutMs))
            ?? throw new EndOfStreamException("sidecar stdout ended; stderr: " + Stderr);
        return ParseFrame(line);
    }

    /// <summary>Frames until the response with <paramref name="id"/>; the others go to <paramref name="others"/>.</summary>
    public async Task<JsonElement> ResponseAsync(int id, List<JsonElement>? others = null)
    {
        while (true)
        {
            var frame = await ReadFrameAsync();
            if (frame.TryGetProperty("id", out var got) && got.ValueKind == JsonValueKind.Number && got.GetInt32() == id)
            {
                return frame;
            }

            others?.Add(frame);
        }
    }

    public static JsonElement ParseFrame(string line)
    {
        using var document = JsonDocument.Parse(line);
        var frame = document.RootElement.Clone();
        Assert.Equal(JsonValueKind.Object, frame.ValueKind);
        Assert.Equal("2.0", frame.GetProperty("jsonrpc").GetString());
        return frame;
    }

    public void CloseInput() => _process.StandardInput.Close();

    public async Task<string> ReadToEndAsync() => await _process.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromMinutes(1));

    public async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static Dictionary<string, string?> Environment() => new(StringComparer.Ordinal)
    {
        ["AGENTOS_CACHE_DIR"] = CliRunner.CacheDirectory,
        ["DOTNET_NOLOGO"] = "1",
        ["SECURE_EXEC_LOG"] = null,
        ["AGENTOS_LOG"] = null,
        ["AGENTOS_LOG_LEVEL"] = null,
    };

    /// <summary>The dotnet host running the tests (as CliRunner finds it).</summary>
    private static string DotnetHost()
    {
        var host = System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        var process = System.Environment.ProcessPath;
        return process is not null && Path.GetFileNameWithoutExtension(process) == "dotnet" ? process : "dotnet";
    }
}
