using System.Text.Json;
using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Processes;
using ModelContextProtocol.Protocol;

namespace AgentOs.Mcp.Tests;

/// <summary>The four tools driven by the SDK's client against a server and a real VM in this process.</summary>
public sealed class ToolTests
{
    [Fact]
    public async Task ListsTheFourToolsWithSchemasAndDescriptionsForAModel()
    {
        await using var session = await InProcessSession.StartAsync();
        var tools = await session.Client.ListToolsAsync();
        Assert.Equal(["exec", "list_directory", "read_file", "write_file"], tools.Select(t => t.Name).Order(StringComparer.Ordinal));

        Tool exec = tools.Single(t => t.Name == "exec").ProtocolTool;
        Assert.Equal(["command"], exec.InputSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("integer", exec.InputSchema.GetProperty("properties").GetProperty("timeoutMs").GetProperty("type").GetString());
        Assert.Equal(
            ["exitCode", "stdout", "stderr", "timedOut", "truncated"],
            exec.OutputSchema!.Value.GetProperty("required").EnumerateArray().Select(e => e.GetString()));

        // The description names the installed commands and the limits, read from the VM.
        Assert.Contains(" sed ", exec.Description);
        Assert.Contains(" awk ", exec.Description);
        Assert.Contains("limits.resources.maxProcesses", exec.Description);
        Assert.Contains("persist", exec.Description);
        Assert.Equal(true, tools.Single(t => t.Name == "read_file").ProtocolTool.Annotations?.ReadOnlyHint);
        Assert.Contains("persist", session.Client.ServerInstructions);
    }

    [Fact]
    public async Task ExecReturnsStdoutStderrAndTheExitCodeAsTextAndStructuredContent()
    {
        await using var session = await InProcessSession.StartAsync();
        var hi = await session.CallAsync("exec", new() { ["command"] = "echo hi" });
        Assert.NotEqual(true, hi.IsError);
        Assert.Equal(0, hi.Structured("exitCode").GetInt32());
        Assert.Equal("hi\n", hi.Structured("stdout").GetString());
        Assert.False(hi.Structured("timedOut").GetBoolean());
        Assert.False(hi.Structured("truncated").GetBoolean());
        Assert.Contains("exit code: 0", hi.Text());
        Assert.Contains("hi\n", hi.Text());

        var failing = await session.CallAsync("exec", new() { ["command"] = "echo out; echo oops >&2; exit 3" });
        Assert.NotEqual(true, failing.IsError);
        Assert.Equal(3, failing.Structured("exitCode").GetInt32());
        Assert.Equal("out\n", failing.Structured("stdout").GetString());
        Assert.Equal("oops\n", failing.Structured("stderr").GetString());
        Assert.Contains("exit code: 3", failing.Text());
        Assert.Contains("oops", failing.Text());
    }

    [Fact]
    public async Task ExecTakesStdinAndCwd()
    {
        await using var session = await InProcessSession.StartAsync();
        await session.CallAsync("exec", new() { ["command"] = "mkdir -p /tmp/work" });
        var result = await session.CallAsync("exec", new() { ["command"] = "pwd; tr a-z A-Z", ["cwd"] = "/tmp/work", ["stdin"] = "piped in\n" });
        Assert.Equal("/tmp/work\nPIPED IN\n", result.Structured("stdout").GetString());
    }

    [Fact]
    public async Task ATimeoutKillsTheCommandAndTheVmStaysUsable()
    {
        await using var session = await InProcessSession.StartAsync();
        var slow = await session.CallAsync("exec", new() { ["command"] = "echo started; sleep 30 & sleep 30", ["timeoutMs"] = 500 });
        Assert.NotEqual(true, slow.IsError);
        Assert.True(slow.Structured("timedOut").GetBoolean());
        Assert.NotEqual(0, slow.Structured("exitCode").GetInt32());
        Assert.Equal("started\n", slow.Structured("stdout").GetString());
        Assert.Contains("timed out after 500 ms", slow.Text());

        var next = await session.CallAsync("exec", new() { ["command"] = "echo still here" });
        Assert.Equal("still here\n", next.Structured("stdout").GetString());

        // Both sleeps (the background one too) were killed, not left running.
        await WaitUntilAsync(() => !session.Vm.Processes.Any(p => p.Command.EndsWith("sleep", StringComparison.Ordinal) && p.State != ProcessState.Zombie), "the sleeps are gone");
    }

    [Fact]
    public async Task StatePersistsBetweenCallsOfASession()
    {
        await using var session = await InProcessSession.StartAsync();
        await session.CallAsync("exec", new() { ["command"] = "echo remembered > state.txt" });
        var read = await session.CallAsync("exec", new() { ["command"] = "cat state.txt" });
        Assert.Equal("remembered\n", read.Structured("stdout").GetString());
        Assert.Equal("remembered\n", (await session.CallAsync("read_file", new() { ["path"] = "/workspace/state.txt" })).Text());
    }

    [Fact]
    public async Task WriteFileCreatesParentsAndReadFileAndTheGuestSeeIt()
    {
        await using var session = await InProcessSession.StartAsync();
        var write = await session.CallAsync("write_file", new() { ["path"] = "src/app/main.txt", ["content"] = "héllo\nworld\n" });
        Assert.NotEqual(true, write.IsError);
        Assert.Contains("wrote 13 bytes", write.Text());

        var read = await session.CallAsync("read_file", new() { ["path"] = "src/app/main.txt" });
        Assert.NotEqual(true, read.IsError);
        Assert.Equal("héllo\nworld\n", read.Text());

        var guest = await session.CallAsync("exec", new() { ["command"] = "wc -l < /workspace/src/app/main.txt" });
        Assert.Equal("2\n", guest.Structured("stdout").GetString());
    }

    [Fact]
    public async Task ListDirectoryGivesNamesTypesAndSizes()
    {
        await using var session = await InProcessSession.StartAsync();
        await session.CallAsync("write_file", new() { ["path"] = "/tmp/list/b.txt", ["content"] = "12345" });
        await session.CallAsync("exec", new() { ["command"] = "mkdir /tmp/list/a && ln -s b.txt /tmp/list/c" });

        var list = await session.CallAsync("list_directory", new() { ["path"] = "/tmp/list" });
        Assert.NotEqual(true, list.IsError);
        var entries = list.Structured("entries").EnumerateArray()
            .Select(e => (e.GetProperty("name").GetString(), e.GetProperty("type").GetString()))
            .ToList();
        Assert.Equal([("a", "directory"), ("b.txt", "file"), ("c", "symlink")], entries);
        Assert.Equal(5, list.Structured("entries")[1].GetProperty("size").GetInt64());
        Assert.Contains("b.txt", list.Text());
        Assert.Contains("a/", list.Text());
    }

    [Fact]
    public async Task FilesystemFailuresAreToolErrorsNamingTheErrno()
    {
        await using var session = await InProcessSession.StartAsync();
        var missing = await session.CallAsync("read_file", new() { ["path"] = "/no/such/file" });
        Assert.True(missing.IsError);
        Assert.Contains("ENOENT", missing.Text());

        var directory = await session.CallAsync("read_file", new() { ["path"] = "/tmp" });
        Assert.True(directory.IsError);
        Assert.Contains("EISDIR", directory.Text());

        await session.CallAsync("write_file", new() { ["path"] = "/tmp/plain", ["content"] = "x" });
        var notDirectory = await session.CallAsync("list_directory", new() { ["path"] = "/tmp/plain" });
        Assert.True(notDirectory.IsError);
        Assert.Contains("ENOTDIR", notDirectory.Text());

        var readOnly = await session.CallAsync("write_file", new() { ["path"] = "/etc/passwd", ["content"] = "x" });
        Assert.True(readOnly.IsError);
        Assert.Contains("EACCES", readOnly.Text());

        var badCwd = await session.CallAsync("exec", new() { ["command"] = "pwd", ["cwd"] = "/nowhere" });
        Assert.True(badCwd.IsError);
        Assert.Contains("ENOENT", badCwd.Text());
    }

    [Fact]
    public async Task ALimitRefusingIsAToolErrorNamingItsConfigPath()
    {
        await using var session = await InProcessSession.StartAsync(new ResourceLimits { MaxFilesystemBytes = 64 * 1024 });
        var big = await session.CallAsync("write_file", new() { ["path"] = "big.txt", ["content"] = new string('x', 200 * 1024) });
        Assert.True(big.IsError);
        Assert.Contains("ENOSPC", big.Text());
        Assert.Contains("limits.resources.maxFilesystemBytes", big.Text());

        var small = await session.CallAsync("write_file", new() { ["path"] = "small.txt", ["content"] = "fits" });
        Assert.NotEqual(true, small.IsError);
    }

    [Fact]
    public async Task BadArgumentsAreToolErrorsAndTheServerCarriesOn()
    {
        await using var session = await InProcessSession.StartAsync();
        (string Tool, Dictionary<string, object?> Arguments, string Expected)[] cases =
        [
            ("exec", new(), "missing required argument 'command'"),
            ("exec", new() { ["command"] = 42 }, "'command' must be a string"),
            ("exec", new() { ["command"] = "true", ["timeoutMs"] = "soon" }, "'timeoutMs' must be an integer"),
            ("exec", new() { ["command"] = "true", ["timeoutMs"] = 0 }, "'timeoutMs' must be from 1"),
            ("exec", new() { ["command"] = "  " }, "'command' is empty"),
            ("read_file", new() { ["file"] = "x" }, "unknown argument 'file'"),
            ("write_file", new() { ["path"] = "x" }, "missing required argument 'content'"),
        ];
        foreach (var (tool, arguments, expected) in cases)
        {
            var result = await session.CallAsync(tool, arguments);
            Assert.True(result.IsError, $"{tool} {JsonSerializer.Serialize(arguments)}");
            Assert.Contains(expected, result.Text());
        }

        Assert.Equal("ok\n", (await session.CallAsync("exec", new() { ["command"] = "echo ok" })).Structured("stdout").GetString());
    }

    [Fact]
    public async Task OutputPastTheCapIsCutAndMarked()
    {
        await using var session = await InProcessSession.StartAsync(options: new AgentOsMcpOptions { MaxOutputBytes = 1000 });
        var exec = await session.CallAsync("exec", new() { ["command"] = "seq 1 5000; echo done >&2" });
        Assert.True(exec.Structured("truncated").GetBoolean());
        Assert.Equal(1000, exec.Structured("stdout").GetString()!.Length);
        Assert.Equal("done\n", exec.Structured("stderr").GetString());
        Assert.Contains("[stdout truncated", exec.Text());

        await session.CallAsync("exec", new() { ["command"] = "seq 1 5000 > big.txt" });
        var read = await session.CallAsync("read_file", new() { ["path"] = "big.txt" });
        Assert.NotEqual(true, read.IsError);
        Assert.StartsWith("1\n2\n3\n", read.Text());
        Assert.Contains("[truncated", read.Text());
        Assert.DoesNotContain("5000", read.Text());
    }

    [Fact]
    public async Task ABinaryFileComesBackAsABase64Resource()
    {
        await using var session = await InProcessSession.StartAsync();
        await session.CallAsync("exec", new() { ["command"] = "printf '\\377\\376\\000A' > blob.bin" });
        var read = await session.CallAsync("read_file", new() { ["path"] = "blob.bin" });
        Assert.NotEqual(true, read.IsError);
        var resource = Assert.IsType<BlobResourceContents>(Assert.Single(read.Content.OfType<EmbeddedResourceBlock>()).Resource);
        Assert.Equal(new byte[] { 0xFF, 0xFE, 0x00, (byte)'A' }, resource.DecodedData.ToArray());
        Assert.Equal("file:///workspace/blob.bin", resource.Uri);
        Assert.Contains("binary", read.Text());
    }

    /// <summary>Polls a kernel-visible state, failing after a generous deadline.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = Environment.TickCount64 + 30_000;
        while (!condition())
        {
            Assert.True(Environment.TickCount64 < deadline, $"Timed out waiting for: {what}");
            await Task.Delay(10);
        }
    }
}
