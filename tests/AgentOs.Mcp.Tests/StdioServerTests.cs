using System.Diagnostics;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace AgentOs.Mcp.Tests;

/// <summary>The built CLI's <c>agentos mcp</c>, started by the SDK's client the way Claude Desktop or VS Code do.</summary>
public sealed class StdioServerTests
{
    [Fact]
    public async Task AClientStartsAgentosMcpListsToolsAndRunsCommandsInOneVm()
    {
        await using McpClient client = await ConnectAsync();
        Assert.Equal("agentos", client.ServerInfo?.Name);
        var tools = await client.ListToolsAsync();
        Assert.Equal(["exec", "list_directory", "read_file", "write_file"], tools.Select(t => t.Name).Order(StringComparer.Ordinal));

        var hi = await client.CallToolAsync("exec", new Dictionary<string, object?> { ["command"] = "echo hi" });
        Assert.NotEqual(true, hi.IsError);
        Assert.Equal(0, hi.Structured("exitCode").GetInt32());
        Assert.Equal("hi\n", hi.Structured("stdout").GetString());

        await client.CallToolAsync("write_file", new Dictionary<string, object?> { ["path"] = "notes/a.txt", ["content"] = "kept\n" });
        var cat = await client.CallToolAsync("exec", new Dictionary<string, object?> { ["command"] = "cat notes/a.txt" });
        Assert.Equal("kept\n", cat.Structured("stdout").GetString());
    }

    [Fact]
    public async Task VmOptionsOfExecApplyToTheSessionVm()
    {
        await using McpClient client = await ConnectAsync("--max-filesystem-bytes", "64K", "--env", "GREETING=hello", "--cwd", "/tmp");
        var env = await client.CallToolAsync("exec", new Dictionary<string, object?> { ["command"] = "echo $GREETING; pwd" });
        Assert.Equal("hello\n/tmp\n", env.Structured("stdout").GetString());

        var big = await client.CallToolAsync("write_file", new Dictionary<string, object?> { ["path"] = "big", ["content"] = new string('x', 200 * 1024) });
        Assert.True(big.IsError);
        Assert.Contains("limits.resources.maxFilesystemBytes", big.Text());
    }

    [Fact]
    public async Task TheServerExitsWhenTheClientDisconnectsMidCommand()
    {
        var start = new ProcessStartInfo(TestEnvironment.DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(TestEnvironment.CliDll);
        start.ArgumentList.Add("mcp");
        start.Environment["AGENTOS_CACHE_DIR"] = TestEnvironment.CacheDirectory;
        using Process server = Process.Start(start)!;
        Task<string> stderr = server.StandardError.ReadToEndAsync();
        try
        {
            McpClient client = await McpClient.CreateAsync(new StreamClientTransport(server.StandardInput.BaseStream, server.StandardOutput.BaseStream));
            var running = client.CallToolAsync("exec", new Dictionary<string, object?> { ["command"] = "echo started > /tmp/mark; sleep 600" }).AsTask();
            var mark = await client.CallToolAsync("exec", new Dictionary<string, object?> { ["command"] = "while [ ! -e /tmp/mark ]; do sleep 0.05; done; echo seen" });
            Assert.Equal("seen\n", mark.Structured("stdout").GetString());

            await client.DisposeAsync();
            server.StandardInput.Close();
            await server.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token);
            Assert.Equal(0, server.ExitCode);
            Assert.False(running.IsCompletedSuccessfully);
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
            }
        }

        Assert.DoesNotContain("Exception", await stderr);
    }

    private static Task<McpClient> ConnectAsync(params string[] options) =>
        McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "agentos",
            Command = TestEnvironment.DotnetHost(),
            Arguments = [TestEnvironment.CliDll, "mcp", .. options],
            EnvironmentVariables = new Dictionary<string, string?> { ["AGENTOS_CACHE_DIR"] = TestEnvironment.CacheDirectory },
        }));
}
