using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using AgentOs.Sidecar;
using StreamJsonRpc;

namespace AgentOs.Cli.Tests.Sidecar;

public sealed class SidecarTests
{
    [Fact]
    public async Task FullVmLifecycleWorksOverTheProtocol()
    {
        await using var client = SidecarHost.Client();
        var outputs = new ConcurrentQueue<SidecarOutput>();
        var exits = new ConcurrentQueue<SidecarExit>();
        client.Output += (_, o) => outputs.Enqueue(o);
        client.Exited += (_, e) => exits.Enqueue(e);

        var vmId = await client.CreateVmAsync(new { limits = new { resources = new { maxProcesses = 32 } } });
        var echo = await client.ExecAsync(vmId, "echo hello; echo oops >&2; exit 3");
        Assert.Equal(("hello\n", "oops\n", 3), (Encoding.UTF8.GetString(echo.Stdout), Encoding.UTF8.GetString(echo.Stderr), echo.ExitCode));

        // Files: a 2.5 MiB round trip in chunks, directories, stat, move, remove.
        var data = new byte[(5 << 20) / 2];
        new Random(7).NextBytes(data);
        await client.CreateDirectoryAsync(vmId, "/workspace/a/b");
        await client.WriteFileAsync(vmId, "/workspace/a/b/big.bin", data);
        Assert.Equal(data, await client.ReadFileAsync(vmId, "/workspace/a/b/big.bin"));
        Assert.Equal(data.Length, (await client.StatAsync(vmId, "/workspace/a/b/big.bin")).Size);
        Assert.Equal($"{data.Length}\n", Encoding.UTF8.GetString((await client.ExecAsync(vmId, "wc -c < a/b/big.bin")).Stdout));
        await client.MoveAsync(vmId, "/workspace/a/b/big.bin", "/workspace/a/moved.bin");
        var entries = await client.ReadDirectoryAsync(vmId, "/workspace/a");
        Assert.Equal(["b", "moved.bin"], entries.Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal("directory", entries.Single(e => e.Name == "b").Type);
        await client.RemoveAsync(vmId, "/workspace/a", recursive: true);
        var missing = await Assert.ThrowsAsync<RemoteInvocationException>(() => client.StatAsync(vmId, "/workspace/a"));
        Assert.Equal(SidecarErrorCodes.FileSystemError, missing.ErrorCode);

        // A spawned process: stdin in, output notifications out, exit notification.
        var cat = await client.SpawnAsync(vmId, "cat");
        await client.WriteStdinAsync(vmId, cat, "through cat\n"u8.ToArray());
        await client.CloseStdinAsync(vmId, cat);
        Assert.Equal(new ProcessExit(0, null), await client.WaitAsync(vmId, cat));
        await WaitUntilAsync(() => exits.Any(e => e.Pid == cat), "process.exit for cat");
        Assert.Equal("through cat\n", Encoding.UTF8.GetString([.. outputs.Where(o => o.Pid == cat && o.Stream == "stdout").OrderBy(o => o.Seq).SelectMany(o => o.Data)]));

        var sleeper = await client.SpawnAsync(vmId, "sleep", ["100"]);
        Assert.True(await client.SignalAsync(vmId, sleeper, 15));
        Assert.Equal(new ProcessExit(143, 15), await client.WaitAsync(vmId, sleeper));

        var usage = await client.LimitUsageAsync(vmId);
        Assert.Equal(32, usage.Single(u => u.ConfigPath == "limits.resources.maxProcesses").Capacity);

        await client.DisposeVmAsync(vmId);
        var gone = await Assert.ThrowsAsync<RemoteInvocationException>(() => client.ExecAsync(vmId, "true"));
        Assert.Equal(SidecarErrorCodes.VmNotFound, gone.ErrorCode);
    }

    [Fact]
    public async Task LimitFailuresAreTypedErrorsNamingTheConfigPath()
    {
        await using var client = SidecarHost.Client();
        var invalid = await Assert.ThrowsAsync<RemoteInvocationException>(() => client.CreateVmAsync(new { limits = new { resources = new { maxProcesses = 0 } } }));
        Assert.Equal(SidecarErrorCodes.InvalidConfiguration, invalid.ErrorCode);
        Assert.Equal("limits.resources.maxProcesses", ConfigPath(invalid));

        var vmId = await client.CreateVmAsync(new { limits = new { resources = new { maxFilesystemBytes = 1 << 20 } } });
        var full = await Assert.ThrowsAsync<RemoteInvocationException>(() => client.WriteFileAsync(vmId, "/tmp/big", new byte[900_000]).ContinueWith(
            _ => client.WriteFileAsync(vmId, "/tmp/big2", new byte[900_000])).Unwrap());
        Assert.Equal(SidecarErrorCodes.LimitExceeded, full.ErrorCode);
        Assert.Equal("limits.resources.maxFilesystemBytes", ConfigPath(full));
    }

    [Fact]
    public async Task VmCreateTakesNetworkOptionsAndNamesTheBadEntry()
    {
        using var host = SidecarHost.Raw(null);
        await host.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"vm.create","params":{"network":{"allowedHosts":["example.com:70000"]}}}""");
        Assert.Equal((SidecarErrorCodes.InvalidParams, "network.allowedHosts"), CodeAndPath((await host.ResponseAsync(1)).GetProperty("error")));
        await host.SendAsync("""{"jsonrpc":"2.0","id":2,"method":"vm.create","params":{"network":{"dnsServers":["dns.example"]}}}""");
        Assert.Equal((SidecarErrorCodes.InvalidParams, "network.dnsServers"), CodeAndPath((await host.ResponseAsync(2)).GetProperty("error")));
        await host.SendAsync("""{"jsonrpc":"2.0","id":3,"method":"vm.create","params":{"network":{"allowHosts":["x"]}}}""");
        Assert.Equal(SidecarErrorCodes.InvalidParams, (await host.ResponseAsync(3)).GetProperty("error").GetProperty("code").GetInt32());

        await host.SendAsync("""{"jsonrpc":"2.0","id":4,"method":"vm.create","params":{"network":{"allowedHosts":["example.com:443"],"dnsServers":["127.0.0.1:5353"]}}}""");
        var vmId = (await host.ResponseAsync(4)).GetProperty("result").GetProperty("vmId").GetString();
        await host.SendAsync($$$"""{"jsonrpc":"2.0","id":5,"method":"process.exec","params":{"vmId":"{{{vmId}}}","command":"echo ok"}}""");
        Assert.Equal("ok\n", Encoding.UTF8.GetString((await host.ResponseAsync(5)).GetProperty("result").GetProperty("stdout").GetBytesFromBase64()));
    }

    [Fact]
    public async Task ErrorsAreInTheProtocolsWordsAndUnknownKeysGetTheLibrarysMessage()
    {
        using var host = SidecarHost.Raw();
        await host.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"vm.create","params":{"limits":{"resources":{"maxProcesss":1}}}}""");
        var unknown = (await host.ResponseAsync(1)).GetProperty("error");
        Assert.Equal((SidecarErrorCodes.InvalidParams, "limits.resources.maxProcesss"), CodeAndPath(unknown));
        Assert.StartsWith("limits.resources.maxProcesss is not a known limit (known: maxProcesses, ", unknown.GetProperty("message").GetString(), StringComparison.Ordinal);

        await host.SendAsync("""{"jsonrpc":"2.0","id":2,"method":"vm.create","params":{}}""");
        var vmId = (await host.ResponseAsync(2)).GetProperty("result").GetProperty("vmId").GetString();
        // A length past int.MaxValue used to leave no overload to bind: "Unable to find method 'fs.readFile/3'".
        await host.SendAsync($$$"""{"jsonrpc":"2.0","id":3,"method":"fs.readFile","params":{"vmId":"{{{vmId}}}","path":"/etc/passwd","length":99999999999}}""");
        var huge = (await host.ResponseAsync(3)).GetProperty("error");
        Assert.Equal((SidecarErrorCodes.InvalidParams, "length"), CodeAndPath(huge));
        Assert.StartsWith("fs.readFile: length must be 0..4194304 bytes (was 99999999999)", huge.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancellingTheFirstExecLeavesTheExecBesideItAndTimeoutMsEndsACommand()
    {
        using var host = SidecarHost.Raw();
        await host.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"vm.create","params":{}}""");
        var vmId = (await host.ResponseAsync(1)).GetProperty("result").GetProperty("vmId").GetString();

        // The first exec runs as pid 1, whose group kill used to become kill(-1) and SIGKILL the exec beside it.
        await host.SendAsync($$$"""{"jsonrpc":"2.0","id":2,"method":"process.exec","params":{"vmId":"{{{vmId}}}","command":"sleep 60"}}""");
        await host.SendAsync($$$"""{"jsonrpc":"2.0","id":3,"method":"process.exec","params":{"vmId":"{{{vmId}}}","command":"sleep 2; echo survived"}}""");
        await Task.Delay(500);
        await host.SendAsync("""{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":2}}""");
        Assert.True((await host.ResponseAsync(2)).TryGetProperty("error", out _));
        var survivor = (await host.ResponseAsync(3)).GetProperty("result");
        Assert.Equal(0, survivor.GetProperty("exitCode").GetInt32());
        Assert.Equal("survived\n", Encoding.UTF8.GetString(survivor.GetProperty("stdout").GetBytesFromBase64()));

        await host.SendAsync($$$"""{"jsonrpc":"2.0","id":4,"method":"process.exec","params":{"vmId":"{{{vmId}}}","command":"echo start; sleep 60","timeoutMs":300}}""");
        var timedOut = (await host.ResponseAsync(4)).GetProperty("result");
        Assert.True(timedOut.GetProperty("timedOut").GetBoolean());
        Assert.Equal(137, timedOut.GetProperty("exitCode").GetInt32());
        Assert.Equal("start\n", Encoding.UTF8.GetString(timedOut.GetProperty("stdout").GetBytesFromBase64()));

        await host.SendAsync($$$"""{"jsonrpc":"2.0","id":5,"method":"process.exec","params":{"vmId":"{{{vmId}}}","command":"true","timeoutMs":0}}""");
        Assert.Equal((SidecarErrorCodes.InvalidParams, "timeoutMs"), CodeAndPath((await host.ResponseAsync(5)).GetProperty("error")));

        // A tag makes the pid known while the command runs, so the host can signal it.
        await host.SendAsync($$$"""{"jsonrpc":"2.0","id":6,"method":"process.exec","params":{"vmId":"{{{vmId}}}","command":"sleep 60","tag":"job-6"}}""");
        var frames = new List<JsonElement>();
        int pid;
        while (true)
        {
            var frame = await host.ReadFrameAsync();
            if (frame.TryGetProperty("method", out var method) && method.GetString() == "process.started")
            {
                Assert.Equal("job-6", frame.GetProperty("params").GetProperty("tag").GetString());
                pid = frame.GetProperty("params").GetProperty("pid").GetInt32();
                break;
            }

            frames.Add(frame);
        }

        await host.SendAsync($$$"""{"jsonrpc":"2.0","id":7,"method":"process.signal","params":{"vmId":"{{{vmId}}}","pid":{{{pid}}},"signal":15}}""");
        Assert.Equal(143, (await host.ResponseAsync(6, frames)).GetProperty("result").GetProperty("exitCode").GetInt32());
    }

    [Fact]
    public async Task HostTotalsBoundTheSidecarsVmsTogether()
    {
        using var host = SidecarHost.Raw(null, "--host-max-memory-bytes", "100M", "--host-max-cpu-cores", "4");
        const string Create = """{"jsonrpc":"2.0","id":ID,"method":"vm.create","params":{"limits":{"resources":{"maxMemoryBytes":67108864,"maxFilesystemBytes":16777216}}}}""";
        await host.SendAsync(Create.Replace("ID", "1", StringComparison.Ordinal));
        Assert.True((await host.ResponseAsync(1)).TryGetProperty("result", out _));

        await host.SendAsync(Create.Replace("ID", "2", StringComparison.Ordinal));

        Assert.Equal((SidecarErrorCodes.LimitExceeded, "host.maxTotalMemoryBytes"), CodeAndPath((await host.ResponseAsync(2)).GetProperty("error")));
    }

    private static (int Code, string? ConfigPath) CodeAndPath(JsonElement error) =>
        (error.GetProperty("code").GetInt32(), error.GetProperty("data").GetProperty("configPath").GetString());

    [Fact]
    public async Task StdoutCarriesOnlyValidFramesWithDebugLogging()
    {
        using var host = SidecarHost.Raw(new Dictionary<string, string?> { ["SECURE_EXEC_LOG"] = "debug" });
        await host.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"vm.create","params":{}}""");
        var vmId = (await host.ResponseAsync(1)).GetProperty("result").GetProperty("vmId").GetString();
        await host.SendAsync($$$"""{"jsonrpc":"2.0","id":2,"method":"process.spawn","params":{"vmId":"{{{vmId}}}","program":"sh","args":["-c","echo out; echo err >&2"]}}""");
        await host.SendAsync($$$"""{"jsonrpc":"2.0","id":3,"method":"process.exec","params":{"vmId":"{{{vmId}}}","command":"ls /bin | head -3"}}""");
        await host.SendAsync("""{"jsonrpc":"2.0","id":4,"method":"limits.usage"}""");
        await host.ResponseAsync(4);
        host.CloseInput();
        var rest = await host.ReadToEndAsync();
        Assert.Equal(0, await host.WaitForExitAsync());

        foreach (var line in rest.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            SidecarHost.ParseFrame(line);
        }

        Assert.Contains(" DEBUG ", host.Stderr, StringComparison.Ordinal);
        Assert.Contains("vm created", host.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostThatPausesReadingLosesNoOutputAndTheQueueWarns()
    {
        using var host = SidecarHost.Raw(null, "--stdout-queue-frames", "16");
        await host.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"vm.create","params":{}}""");
        var vmId = (await host.ResponseAsync(1)).GetProperty("result").GetProperty("vmId").GetString();
        await host.SendAsync($$$"""{"jsonrpc":"2.0","id":2,"method":"process.spawn","params":{"vmId":"{{{vmId}}}","program":"seq","args":["1","1000000"]}}""");

        // Stop reading stdout while the guest writes ~6.9 MB: the sidecar must block, not drop or buffer it all.
        await Task.Delay(2000);

        var frames = new List<JsonElement>();
        var pid = (await host.ResponseAsync(2, frames)).GetProperty("result").GetProperty("pid").GetInt32();
        while (!frames.Any(f => Method(f) == "process.exit" && f.GetProperty("params").GetProperty("pid").GetInt32() == pid))
        {
            frames.Add(await host.ReadFrameAsync());
        }

        var chunks = frames.Where(f => Method(f) == "process.output").Select(f => f.GetProperty("params")).ToList();
        Assert.All(chunks, c => Assert.Equal("stdout", c.GetProperty("stream").GetString()));
        var seqs = chunks.Select(c => c.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(Enumerable.Range(0, seqs.Count).Select(i => (long)i), seqs);
        var text = Encoding.ASCII.GetString([.. chunks.SelectMany(c => c.GetProperty("data").GetBytesFromBase64())]);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1_000_000, lines.Length);
        Assert.Equal(500_000_500_000L, lines.Sum(long.Parse));

        // The queue may fill, drain and fill again: one warning per upward crossing.
        var warnings = frames.Where(f => Method(f) == "vm.limitWarning").Select(f => f.GetProperty("params")).ToList();
        Assert.NotEmpty(warnings);
        var warning = warnings[0];
        Assert.Equal("sidecar_stdout_frames", warning.GetProperty("limit").GetString());
        Assert.Equal("queue", warning.GetProperty("category").GetString());
        Assert.Equal("sidecar.stdoutQueueFrames", warning.GetProperty("configPath").GetString());

        await host.SendAsync("""{"jsonrpc":"2.0","id":3,"method":"limits.usage"}""");
        var queue = (await host.ResponseAsync(3)).GetProperty("result")[0];
        Assert.Equal(16, queue.GetProperty("capacity").GetInt64());
        Assert.InRange(queue.GetProperty("highWater").GetInt64(), 13, 16);
    }

    [Theory]
    [InlineData("""{"method":"process.exec","params":{"vmId":"v","command":123}}""", "\"command\" must be a string (process.exec)")]
    [InlineData("""{"method":"fs.readFile","params":{"vmId":"v"}}""", "missing required parameter \"path\" (fs.readFile)")]
    [InlineData("""{"method":"fs.readFile","params":["v","/a","zz"]}""", "\"offset\" must be an integer (fs.readFile)")]
    [InlineData("""{"method":"fs.writeFile","params":{"vmId":"v","path":"/a","data":"%%"}}""", "\"data\" must be base64 data (a string) (fs.writeFile)")]
    [InlineData("""{"method":"process.exec","params":{"vmId":"v","command":"true","env":{"A":1}}}""", "\"env\" must be an object of strings (process.exec)")]
    [InlineData("""{"method":"process.signal","params":{"vmId":"v","pid":99999999999,"signal":9}}""", "\"pid\" must be an integer from -2147483648 to 2147483647 (process.signal)")]
    [InlineData("""{"method":"fs.stat","params":{"vmId":null,"path":"/"}}""", "\"vmId\" must not be null (fs.stat)")]
    [InlineData("""{"method":"fs.mkdir","params":["v","/a",true,1,2,3,4]}""", "fs.mkdir takes at most")]
    public async Task WrongParametersAreNamedInTheProtocolsWords(string request, string message)
    {
        using var host = SidecarHost.Raw(null);
        await host.SendAsync("""{"jsonrpc":"2.0","id":1,""" + request[1..]);
        var error = (await host.ResponseAsync(1)).GetProperty("error");
        Assert.Equal(SidecarErrorCodes.InvalidParams, error.GetProperty("code").GetInt32());
        Assert.Contains(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Invalid params: ", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("InvalidParams", error.GetProperty("data").GetProperty("type").GetString());

        host.CloseInput();
        Assert.Equal(0, await host.WaitForExitAsync());
    }

    [Fact]
    public async Task MalformedFramesGetErrorsAndTheSidecarKeepsServing()
    {
        using var host = SidecarHost.Raw(null, "--max-frame-bytes", "4096");
        await host.SendAsync("{not json");
        Assert.Equal((JsonValueKind.Null, SidecarErrorCodes.ParseError), Error(await host.ReadFrameAsync()));
        await host.SendAsync("[1,2]");
        Assert.Equal((JsonValueKind.Null, SidecarErrorCodes.InvalidRequest), Error(await host.ReadFrameAsync()));
        // Oversized frames are answered with their id when it comes before the limit (a client waits on it).
        await host.SendAsync("""{"jsonrpc":"2.0","id":"x","method":"vm.create","params":{"limits":""" + new string(' ', 10_000) + "{}}}");
        var tooLarge = await host.ReadFrameAsync();
        Assert.Equal((JsonValueKind.String, SidecarErrorCodes.InvalidRequest), Error(tooLarge));
        Assert.Equal("x", tooLarge.GetProperty("id").GetString());
        await host.SendAsync("{\"jsonrpc\":\"2.0\",\"id\":12,\"method\":\"fs.writeFile\",\"params\":{\"data\":\"" + new string('A', 300_000) + "\"}}");
        var skipped = await host.ReadFrameAsync();
        Assert.Equal(12, skipped.GetProperty("id").GetInt32());
        Assert.Equal("sidecar.maxFrameBytes", skipped.GetProperty("error").GetProperty("data").GetProperty("configPath").GetString());
        await host.SendAsync("{\"jsonrpc\":\"2.0\",\"method\":\"fs.writeFile\",\"params\":{\"data\":\"" + new string('A', 10_000) + "\"},\"id\":13}");
        Assert.Equal((JsonValueKind.Null, SidecarErrorCodes.InvalidRequest), Error(await host.ReadFrameAsync()));
        await host.SendAsync("""{"jsonrpc":"2.0","id":5,"method":"no.such.method"}""");
        Assert.Equal(SidecarErrorCodes.MethodNotFound, (await host.ResponseAsync(5)).GetProperty("error").GetProperty("code").GetInt32());
        await host.SendAsync("""{"jsonrpc":"2.0","id":6,"method":"process.exec","params":{"vmId":42,"command":["echo"]}}""");
        Assert.Equal(SidecarErrorCodes.InvalidParams, (await host.ResponseAsync(6)).GetProperty("error").GetProperty("code").GetInt32());
        await host.SendAsync("""{"jsonrpc":"2.0","id":7,"method":"vm.create","params":{"limits":{"resources":{"maxProcesses":"many"}}}}""");
        var wrongType = (await host.ResponseAsync(7)).GetProperty("error");
        Assert.Equal(SidecarErrorCodes.InvalidParams, wrongType.GetProperty("code").GetInt32());
        Assert.Equal("limits.resources.maxProcesses", wrongType.GetProperty("data").GetProperty("configPath").GetString());

        await host.SendAsync("""{"jsonrpc":"2.0","id":8,"method":"vm.create","params":{}}""");
        var vmId = (await host.ResponseAsync(8)).GetProperty("result").GetProperty("vmId").GetString();
        await host.SendAsync($$$"""{"jsonrpc":"2.0","id":9,"method":"process.exec","params":{"vmId":"{{{vmId}}}","command":"echo still here"}}""");
        var result = (await host.ResponseAsync(9)).GetProperty("result");
        Assert.Equal("still here\n", Encoding.UTF8.GetString(result.GetProperty("stdout").GetBytesFromBase64()));

        host.CloseInput();
        Assert.Equal(0, await host.WaitForExitAsync());
    }

    [Fact]
    public async Task ForkBombInOneVmDoesNotStopAnotherVmAnswering()
    {
        await using var client = SidecarHost.Client();
        var bombed = await client.CreateVmAsync(new { limits = new { resources = new { maxProcesses = 8 } } });
        var calm = await client.CreateVmAsync();
        await client.ExecAsync(calm, "true");

        await client.SpawnAsync(bombed, "sh", ["-c", "while true; do sleep 10 & done"]);
        await WaitUntilAsync(
            () => client.LimitUsageAsync(bombed).GetAwaiter().GetResult().Single(u => u.ConfigPath == "limits.resources.maxProcesses").Current == 8,
            "the bomb to fill the process table");

        var elapsed = Stopwatch.StartNew();
        for (var i = 0; i < 5; i++)
        {
            var result = await client.ExecAsync(calm, $"echo {i}");
            Assert.Equal($"{i}\n", Encoding.UTF8.GetString(result.Stdout));
        }

        Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(10), $"5 execs took {elapsed.Elapsed} beside a fork bomb");
        await client.DisposeVmAsync(bombed);
        Assert.Equal(0, (await client.ExecAsync(calm, "true")).ExitCode);
    }

    private static string? Method(JsonElement frame) => frame.TryGetProperty("method", out var m) ? m.GetString() : null;

    private static (JsonValueKind Id, int Code) Error(JsonElement frame) =>
        (frame.GetProperty("id").ValueKind, frame.GetProperty("error").GetProperty("code").GetInt32());

    private static string? ConfigPath(RemoteInvocationException e) =>
        Assert.IsType<SidecarErrorData>(e.DeserializedErrorData).ConfigPath;

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = Environment.TickCount64 + 60_000;
        while (!condition())
        {
            Assert.True(Environment.TickCount64 < deadline, $"Timed out waiting for: {what}");
            await Task.Delay(10);
        }
    }
}
