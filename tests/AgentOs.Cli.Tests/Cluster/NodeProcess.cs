using System.Diagnostics;
using System.Text;
using AgentOs.Testing;

namespace AgentOs.Cli.Tests.Cluster;

/// <summary>One <c>agentos node</c> child process on free ports; ready once it prints that it joined.</summary>
internal sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _joined = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private NodeProcess(Process process, int siloPort, int gatewayPort)
    {
        _process = process;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        _ = _process.StandardOutput.ReadToEndAsync();
        _ = Task.Run(async () =>
        {
            while (await _process.StandardError.ReadLineAsync() is { } line)
            {
                lock (_stderr)
                {
                    _stderr.AppendLine(line);
                }

                if (line.StartsWith("agentos node: member of ", StringComparison.Ordinal))
                {
                    var mcp = line.IndexOf(", MCP on ", StringComparison.Ordinal);
                    McpEndpoint = mcp < 0 ? null : new Uri(line[(mcp + ", MCP on ".Length)..].Split(' ')[0]);
                    _joined.TrySetResult();
                }
            }

            _joined.TrySetException(new InvalidOperationException($"agentos node exited before joining; stderr:\n{Stderr}"));
        });
    }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The node's MCP endpoint (started with <c>--mcp-http</c>), known once it joined.</summary>
    public Uri? McpEndpoint { get; private set; }

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


    public static NodeProcess Start(string url, params string[] options) => Start(url, LoopbackPort.Free(), LoopbackPort.Free(), options);

    public static NodeProcess Start(string url, int siloPort, int gatewayPort, params string[] options) =>
        new(CliRunner.Start(["node", "--cluster", url, "--silo-port", Text(siloPort), "--gateway-port", Text(gatewayPort), .. options]), siloPort, gatewayPort);

    /// <summary>Waits until the node has joined the cluster (or fails with its stderr if it exits first).</summary>
    public Task JoinedAsync() => _joined.Task.WaitAsync(TimeSpan.FromMinutes(3));

    /// <summary>Kills the node at once (SIGKILL), as a crash would: nothing is saved on the way out.</summary>
    public void Crash()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static string Text(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
