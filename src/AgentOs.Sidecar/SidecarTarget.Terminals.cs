using StreamJsonRpc;

namespace AgentOs.Sidecar;

/// <summary>The <c>terminal.*</c> methods: programs on pseudo-terminals of a VM (docs/sidecar-protocol.md).</summary>
internal sealed partial class SidecarTarget
{
    [JsonRpcMethod("terminal.open")]
    public Task<object> OpenTerminalAsync(
        string vmId,
        string program = "/bin/sh",
        IList<string>? args = null,
        int cols = 80,
        int rows = 24,
        IDictionary<string, string>? env = null,
        string? cwd = null,
        bool answerCursorQueries = true) => Guard<object>(() =>
    {
        CheckSize(cols, rows);
        var options = new TerminalOptions { Columns = cols, Rows = rows, Env = env, Cwd = cwd, AnswerCursorQueries = answerCursorQueries };
        return Task.FromResult<object>(new { pid = Session(vmId).OpenTerminal(program, args, options) });
    });

    [JsonRpcMethod("terminal.write")]
    public Task<object> WriteTerminalAsync(string vmId, int pid, byte[] data, CancellationToken cancellationToken = default) => Guard<object>(async () =>
    {
        try
        {
            await Session(vmId).Terminal(pid).WriteAsync(data, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw SidecarErrors.TerminalHungUp(e.Message);
        }
        catch (ObjectDisposedException)
        {
            throw SidecarErrors.TerminalNotFound(vmId, pid);
        }

        return new { written = data.Length };
    });

    [JsonRpcMethod("terminal.resize")]
    public Task<object> ResizeTerminalAsync(string vmId, int pid, int cols, int rows) => Guard<object>(() =>
    {
        CheckSize(cols, rows);
        Session(vmId).Terminal(pid).Resize(cols, rows);
        return Task.FromResult<object>(new { cols, rows });
    });

    [JsonRpcMethod("terminal.wait")]
    public Task<ProcessExit> WaitTerminalAsync(string vmId, int pid, CancellationToken cancellationToken = default) =>
        Guard(() => Session(vmId).Terminal(pid).WaitAsync(cancellationToken));

    [JsonRpcMethod("terminal.close")]
    public Task<object> CloseTerminalAsync(string vmId, int pid) => Guard<object>(() =>
    {
        Session(vmId).CloseTerminal(pid);
        return Task.FromResult<object>(new { closed = true });
    });

    private static void CheckSize(int cols, int rows)
    {
        if (cols is < 1 or > 4096)
        {
            throw SidecarErrors.InvalidParams($"cols must be 1..4096 (was {cols})", "cols");
        }

        if (rows is < 1 or > 4096)
        {
            throw SidecarErrors.InvalidParams($"rows must be 1..4096 (was {rows})", "rows");
        }
    }
}
