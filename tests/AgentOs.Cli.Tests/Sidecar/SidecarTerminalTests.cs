using System.Collections.Concurrent;
using System.Text;
using AgentOs.Sidecar;
using StreamJsonRpc;

namespace AgentOs.Cli.Tests.Sidecar;

/// <summary>terminal.* over the real sidecar, driving the published interactive shell.</summary>
public sealed class SidecarTerminalTests
{
    [Fact]
    public async Task AnInteractiveShellRunsOverTerminalMethodsAndNotifications()
    {
        await using var client = SidecarHost.Client();
        var outputs = new ConcurrentQueue<SidecarTerminalOutput>();
        var exits = new ConcurrentQueue<SidecarExit>();
        client.TerminalOutput += (_, o) => outputs.Enqueue(o);
        client.TerminalExited += (_, e) => exits.Enqueue(e);
        var vmId = await client.CreateVmAsync();

        var pid = await client.OpenTerminalAsync(vmId, cols: 90, rows: 20);
        string Screen() => Encoding.UTF8.GetString([.. outputs.Where(o => o.Pid == pid).OrderBy(o => o.Seq).SelectMany(o => o.Data)]);
        await WaitUntilAsync(() => Screen().Contains(":/workspace$ ", StringComparison.Ordinal), "the prompt", Screen);

        await client.WriteTerminalAsync(vmId, pid, "echo cols=$COLUMNS\r"u8.ToArray());
        await WaitUntilAsync(() => Screen().Contains("cols=90\r\n", StringComparison.Ordinal), "the command's output", Screen);

        await client.ResizeTerminalAsync(vmId, pid, 100, 30);
        // StreamJsonRpc raises -32602 (invalid params) as RemoteMethodNotFoundException.
        var bad = await Assert.ThrowsAnyAsync<RemoteRpcException>(() => client.ResizeTerminalAsync(vmId, pid, 0, 30));
        Assert.Equal(SidecarErrorCodes.InvalidParams, (int?)bad.ErrorCode);

        await client.WriteTerminalAsync(vmId, pid, "exit 4\r"u8.ToArray());
        Assert.Equal(new ProcessExit(4, null), await client.WaitTerminalAsync(vmId, pid));
        await WaitUntilAsync(() => exits.Any(e => e.Pid == pid), "terminal.exit", Screen);
        Assert.Equal(4, exits.Single(e => e.Pid == pid).ExitCode);

        await client.CloseTerminalAsync(vmId, pid);
        // -32003 is also StreamJsonRpc's own code for a response it could not serialize, hence its exception type.
        var closed = await Assert.ThrowsAnyAsync<RemoteRpcException>(() => client.WriteTerminalAsync(vmId, pid, "x"u8.ToArray()));
        Assert.Equal(SidecarErrorCodes.ProcessNotFound, (int?)closed.ErrorCode);
        Assert.Contains("terminal", closed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CloseHangsUpAndMaxPtysIsATypedLimitError()
    {
        await using var client = SidecarHost.Client();
        var exits = new ConcurrentQueue<SidecarExit>();
        client.TerminalExited += (_, e) => exits.Enqueue(e);
        var vmId = await client.CreateVmAsync(new { limits = new { resources = new { maxPtys = 1 } } });
        var pid = await client.OpenTerminalAsync(vmId, "/bin/sh", ["-c", "read x"]);

        var refused = await Assert.ThrowsAsync<RemoteInvocationException>(() => client.OpenTerminalAsync(vmId));
        Assert.Equal(SidecarErrorCodes.LimitExceeded, refused.ErrorCode);
        Assert.Equal("limits.resources.maxPtys", Assert.IsType<SidecarErrorData>(refused.DeserializedErrorData).ConfigPath);
        var huge = await Assert.ThrowsAnyAsync<RemoteRpcException>(() => client.OpenTerminalAsync(vmId, cols: 100_000));
        Assert.Equal(SidecarErrorCodes.InvalidParams, (int?)huge.ErrorCode);

        await client.CloseTerminalAsync(vmId, pid);
        await WaitUntilAsync(() => exits.Any(e => e.Pid == pid), "terminal.exit after the hangup", () => string.Empty);
        Assert.Equal(1, exits.Single(e => e.Pid == pid).Signal);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what, Func<string> screen)
    {
        var deadline = Environment.TickCount64 + 60_000;
        while (!condition())
        {
            Assert.True(Environment.TickCount64 < deadline, $"Timed out waiting for {what}; screen:\n{screen()}");
            await Task.Delay(10);
        }
    }
}
