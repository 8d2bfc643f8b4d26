using System.Diagnostics;
using System.Globalization;
using ModelContextProtocol.Client;

namespace AgentOs.Cli.Tests.Cluster;

/// <summary>
/// Real processes: a PostgreSQL server, three <c>agentos node</c> processes and <c>agentos exec --cluster</c> /
/// <c>agentos cluster vms</c> clients, as a user would run them on one machine.
/// </summary>
public sealed class ClusterCliTests
{
    [PostgresFact]
    public async Task AVmKeepsItsFilesWhenTheNodeHoldingItDies()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var url = postgres.Url;
        NodeProcess[] nodes = [NodeProcess.Start(url), NodeProcess.Start(url), NodeProcess.Start(url)];
        try
        {
            await Task.WhenAll(nodes.Select(n => n.JoinedAsync()));

            var write = await Exec(url, "a", "echo hi > f");
            Assert.True(write.ExitCode == 0, write.ToString());
            var read = await Exec(url, "a", "cat f; exit 3");
            Assert.True(read.ExitCode == 3, read.ToString());
            Assert.Equal("hi\n", read.Stdout);

            var first = Holder(nodes, await VmLineAsync(url, "a", null));
            first.Crash();

            var again = await Exec(url, "a", "cat f");
            Assert.True(again.ExitCode == 0, again.ToString());
            Assert.Equal("hi\n", again.Stdout);
            var line = await VmLineAsync(url, "a", first);
            var second = Holder(nodes, line);
            Assert.NotSame(first, second);
            Assert.Matches(@"^a\t127\.0\.0\.1:\d+\tfs [0-9.]+ KiB/64 MiB mem 0 B/512 MiB procs 0$", line);

            // A node on ports a live node holds is refused, before it can disturb that node.
            var clash = await CliRunner.RunAsync(["node", "--cluster", url, "--silo-port", second.SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--gateway-port", "1"]);
            Assert.Equal(1, clash.ExitCode);
            Assert.Contains($"the silo port 127.0.0.1:{second.SiloPort} is in use", clash.Stderr, StringComparison.Ordinal);
            Assert.False(second.HasExited);

            // A saved state that cannot be restored: the call names the VM and the stored entry stays as it was.
            // (The state is JSON; the snapshot is its base64 "$value".)
            var corrupt = "UPDATE orleansstorage SET payloadbinary = convert_to(regexp_replace(convert_from(payloadbinary, 'UTF8'), '\"\\$value\":\"[^\"]*\"', '\"$value\":\"AAAAAAAAAAAA\"'), 'UTF8') RETURNING md5(payloadbinary)";
            var before = await postgres.QueryAsync("SELECT md5(payloadbinary) FROM orleansstorage");
            var stored = await postgres.QueryAsync(corrupt);
            Assert.NotEqual(before, stored);
            second.Crash();
            var broken = await Exec(url, "a", "cat f");
            Assert.True(broken.ExitCode == 1, broken.ToString());
            Assert.Contains("VM \"a\": its saved state could not be restored", broken.Stderr, StringComparison.Ordinal);
            Assert.Equal(stored, await postgres.QueryAsync("SELECT md5(payloadbinary) FROM orleansstorage"));
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    [PostgresFact]
    public async Task CtrlCInterruptsTheCommandInTheVmAndTheNodeServesMcpOnVmGrains()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var url = postgres.Url;
        await using var node = NodeProcess.Start(url, "--mcp-http", "127.0.0.1:0");
        await node.JoinedAsync();

        using var cli = CliRunner.Start(["exec", "--cluster", url, "--vm", "c", "--", "echo ready; sleep 1000; echo never"]);
        var stderr = cli.StandardError.ReadToEndAsync();
        Assert.Equal("ready", await cli.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(3)));
        using (var interrupt = Process.Start("kill", ["-INT", cli.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await interrupt.WaitForExitAsync();
        }

        // A deadline far under the sleep: only an interrupted command lets the client end in time, and only a killed
        // one leaves no process behind before the listing polls below give up.
        await cli.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(cli.ExitCode == 130, $"exit {cli.ExitCode}; stderr: {await stderr}");
        Assert.DoesNotContain("never", await cli.StandardOutput.ReadToEndAsync(), StringComparison.Ordinal);

        // In the VM the command is gone (no process left) and the VM takes the next one.
        for (var attempt = 0; !(await VmLineAsync(url, "c", null)).EndsWith(" procs 0", StringComparison.Ordinal); attempt++)
        {
            Assert.True(attempt < 30, "the interrupted command still has processes in the VM");
            await Task.Delay(1000);
        }

        var next = await Exec(url, "c", "echo next");
        Assert.Equal((0, "next\n"), (next.ExitCode, next.Stdout));

        // The node's MCP endpoint: the session's VM is a cluster VM of its own.
        var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = node.McpEndpoint!, TransportMode = HttpTransportMode.StreamableHttp }));
        await using (client)
        {
            var hi = await client.CallToolAsync("exec", new Dictionary<string, object?> { ["command"] = "echo hi > f; cat f" });
            Assert.Equal("hi\n", hi.StructuredContent!.Value.GetProperty("stdout").GetString());
            var vms = await CliRunner.RunAsync(["cluster", "vms", "--cluster", url], timeout: TimeSpan.FromMinutes(1));
            Assert.Matches(@"(?m)^mcp-[0-9a-f]{32}\t127\.0\.0\.1:", vms.Stdout);
        }
    }

    [PostgresFact]
    public async Task BadInputIsRefusedWithAMessage()
    {
        await using var postgres = await PostgresServer.StartAsync();

        var noTables = await Exec(postgres.Url, "a", "true");
        Assert.Equal(1, noTables.ExitCode);
        Assert.Contains($"the cluster store {postgres.Url} has no cluster tables yet", noTables.Stderr, StringComparison.Ordinal);

        var slash = await Exec(postgres.Url, "a/b", "true");
        Assert.Equal(2, slash.ExitCode);
        Assert.Contains("--vm: VM name \"a/b\" has '/'", slash.Stderr, StringComparison.Ordinal);

        var longName = await Exec(postgres.Url, new string('x', 1000), "true");
        Assert.Equal(2, longName.ExitCode);
        Assert.Contains("--vm: VM name must have 1 to 128 characters (was 1000)", longName.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreachableStoreFailsNamingIt()
    {
        const string url = "postgres://agentos@127.0.0.1:1/agentos";

        var exec = await Exec(url, "a", "true");
        var node = await CliRunner.RunAsync(["node", "--cluster", url], timeout: TimeSpan.FromMinutes(1));
        var vms = await CliRunner.RunAsync(["cluster", "vms", "--cluster", url], timeout: TimeSpan.FromMinutes(1));

        foreach (var result in new[] { exec, node, vms })
        {
            Assert.Equal(1, result.ExitCode);
            Assert.StartsWith($"agentos: cannot reach the cluster store {url}", result.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheVmNeedsTheClusterAndTheClusterTheVm()
    {
        var vmOnly = await CliRunner.RunAsync(["exec", "--vm", "a", "--", "true"]);
        var clusterOnly = await CliRunner.RunAsync(["exec", "--cluster", "postgres://u@h/db", "--", "true"]);
        var mount = await CliRunner.RunAsync(["exec", "--cluster", "postgres://u@h/db", "--vm", "a", "--mount", "/tmp:/mnt", "--", "true"]);

        Assert.Equal((2, "agentos: --vm needs --cluster URL (a local exec always runs in a fresh VM)\n"), (vmOnly.ExitCode, vmOnly.Stderr));
        Assert.Equal((2, "agentos: --cluster needs --vm NAME (the VM to run in)\n"), (clusterOnly.ExitCode, clusterOnly.Stderr));
        Assert.Equal(2, mount.ExitCode);
        Assert.Contains("with --cluster: --mount not supported", mount.Stderr, StringComparison.Ordinal);
    }

    private static Task<CliResult> Exec(string url, string vm, string command) =>
        CliRunner.RunAsync(["exec", "--cluster", url, "--vm", vm, "--", command], timeout: TimeSpan.FromMinutes(2));

    /// <summary>The <c>cluster vms</c> line of <paramref name="vm"/> once the listing shows it away from
    /// <paramref name="notOn"/> (silos report every few seconds, so the listing may lag a move).</summary>
    private static async Task<string> VmLineAsync(string url, string vm, NodeProcess? notOn)
    {
        for (var attempt = 0; ; attempt++)
        {
            var vms = await CliRunner.RunAsync(["cluster", "vms", "--cluster", url], timeout: TimeSpan.FromMinutes(1));
            Assert.True(vms.ExitCode == 0, vms.ToString());
            var line = vms.Stdout.Split('\n').FirstOrDefault(l => l.StartsWith(vm + "\t", StringComparison.Ordinal));
            if (line is not null && (notOn is null || !line.Contains($":{notOn.SiloPort}\t", StringComparison.Ordinal)))
            {
                return line;
            }

            Assert.True(attempt < 30, $"cluster vms never listed {vm} on a live node:\n{vms}");
            await Task.Delay(1000);
        }
    }

    private static NodeProcess Holder(NodeProcess[] nodes, string line) =>
        nodes.Single(n => line.Contains($"\t127.0.0.1:{n.SiloPort}\t", StringComparison.Ordinal));
}
