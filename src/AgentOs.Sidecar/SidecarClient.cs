using System.Diagnostics;
using System.IO.Pipelines;
using AgentOs.Kernel.Limits;
using StreamJsonRpc;

namespace AgentOs.Sidecar;

/// <summary>
/// Drives VMs in an <c>agentos sidecar</c> child process over its stdio (docs/sidecar-protocol.md). Failures arrive as
/// StreamJsonRpc's <see cref="RemoteInvocationException"/> with <see cref="RemoteRpcException.ErrorCode"/> from
/// <see cref="SidecarErrorCodes"/> and a <see cref="SidecarErrorData"/> as <see cref="RemoteRpcException.DeserializedErrorData"/>.
/// Notifications are raised as events one at a time in arrival order; a handler that blocks stops this client
/// reading, which pauses the sidecar's guests (backpressure) rather than losing output.
/// </summary>
public sealed class SidecarClient : IAsyncDisposable
{
    /// <summary>Largest chunk <see cref="WriteFileAsync"/> and <see cref="ReadFileAsync"/> move per request.</summary>
    public const int FileChunkBytes = 1 << 20;

    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);

    private readonly Process? _process;
    private readonly JsonRpc _rpc;

    internal SidecarClient(Stream toSidecar, Stream fromSidecar, Process? process)
    {
        _process = process;
        _rpc = SidecarJson.CreateRpc(PipeWriter.Create(toSidecar), PipeReader.Create(fromSidecar));
        _rpc.SynchronizationContext = new Microsoft.VisualStudio.Threading.NonConcurrentSynchronizationContext(sticky: false);
        _rpc.AddLocalRpcTarget(new Notifications(this), new JsonRpcTargetOptions { UseSingleObjectParameterDeserialization = true });
        _rpc.StartListening();
    }

    /// <summary>A spawned process wrote output.</summary>
    public event EventHandler<SidecarOutput>? Output;

    /// <summary>A spawned process ended and its output reached EOF.</summary>
    public event EventHandler<SidecarExit>? Exited;

    /// <summary>A terminal showed output.</summary>
    public event EventHandler<SidecarTerminalOutput>? TerminalOutput;

    /// <summary>A terminal's program ended and its output reached end of file (or the terminal was closed).</summary>
    public event EventHandler<SidecarExit>? TerminalExited;

    /// <summary>A VM's (or the sidecar's own) limit crossed 80%.</summary>
    public event EventHandler<SidecarLimitWarning>? LimitWarning;

    /// <summary>Completes when the connection ends (the sidecar exited or was disposed).</summary>
    public Task Completion => _rpc.Completion;

    /// <summary>Starts the sidecar process and connects to it.</summary>
    /// <exception cref="InvalidOperationException">The process could not be started.</exception>
    public static SidecarClient Start(SidecarStartInfo startInfo)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        var start = new ProcessStartInfo(startInfo.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in startInfo.Arguments.Append("sidecar").Concat(startInfo.SidecarArguments))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in startInfo.Environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {startInfo.FileName}");
        var onLine = startInfo.StandardErrorLine;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                onLine?.Invoke(e.Data);
            }
        };
        process.BeginErrorReadLine();
        return new SidecarClient(process.StandardInput.BaseStream, process.StandardOutput.BaseStream, process);
    }

    /// <summary><c>vm.create</c>: creates a VM; <paramref name="options"/> is the params object (agentOS shape, e.g.
    /// <c>new { limits = new { resources = new { maxProcesses = 16 } } }</c>). Returns the VM id.</summary>
    public async Task<string> CreateVmAsync(object? options = null, CancellationToken cancellationToken = default)
    {
        var result = await _rpc.InvokeWithParameterObjectAsync<VmCreated>("vm.create", options ?? new { }, cancellationToken).ConfigureAwait(false);
        return result.VmId;
    }

    /// <summary><c>vm.dispose</c>: ends the VM and its processes.</summary>
    public Task DisposeVmAsync(string vmId, CancellationToken cancellationToken = default) =>
        _rpc.InvokeWithParameterObjectAsync("vm.dispose", new { vmId }, cancellationToken);

    /// <summary><c>process.exec</c>: runs a shell command line and captures its output.</summary>
    public Task<SidecarExecResult> ExecAsync(string vmId, string command, byte[]? stdin = null, CancellationToken cancellationToken = default) =>
        _rpc.InvokeWithParameterObjectAsync<SidecarExecResult>("process.exec", new { vmId, command, stdin }, cancellationToken);

    /// <summary><c>process.spawn</c>: starts a program; its output arrives as <see cref="Output"/> events. Returns the pid.</summary>
    public async Task<int> SpawnAsync(string vmId, string program, IEnumerable<string>? args = null, CancellationToken cancellationToken = default)
    {
        var result = await _rpc.InvokeWithParameterObjectAsync<Spawned>("process.spawn", new { vmId, program, args = args?.ToArray() ?? [] }, cancellationToken)
            .ConfigureAwait(false);
        return result.Pid;
    }

    /// <summary><c>process.stdin.write</c>.</summary>
    public Task WriteStdinAsync(string vmId, int pid, byte[] data, CancellationToken cancellationToken = default) =>
        _rpc.InvokeWithParameterObjectAsync("process.stdin.write", new { vmId, pid, data }, cancellationToken);

    /// <summary><c>process.stdin.close</c>.</summary>
    public Task CloseStdinAsync(string vmId, int pid, CancellationToken cancellationToken = default) =>
        _rpc.InvokeWithParameterObjectAsync("process.stdin.close", new { vmId, pid }, cancellationToken);

    /// <summary><c>process.signal</c>; false when the process had already ended.</summary>
    public async Task<bool> SignalAsync(string vmId, int pid, int signal, CancellationToken cancellationToken = default) =>
        (await _rpc.InvokeWithParameterObjectAsync<Signalled>("process.signal", new { vmId, pid, signal }, cancellationToken).ConfigureAwait(false)).Delivered;

    /// <summary><c>process.wait</c>: waits for the process to end.</summary>
    public Task<ProcessExit> WaitAsync(string vmId, int pid, CancellationToken cancellationToken = default) =>
        _rpc.InvokeWithParameterObjectAsync<ProcessExit>("process.wait", new { vmId, pid }, cancellationToken);

    /// <summary>Reads a whole file with as many <c>fs.readFile</c> chunks as it takes.</summary>
    public async Task<byte[]> ReadFileAsync(string vmId, string path, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        SidecarFileChunk chunk;
        do
        {
            chunk = await _rpc.InvokeWithParameterObjectAsync<SidecarFileChunk>("fs.readFile", new { vmId, path, offset = buffer.Length, length = FileChunkBytes }, cancellationToken)
                .ConfigureAwait(false);
            buffer.Write(chunk.Data);
        }
        while (!chunk.Eof && chunk.Data.Length > 0);
        return buffer.ToArray();
    }

    /// <summary>Creates or truncates a file and writes <paramref name="data"/> in <c>fs.writeFile</c> chunks (the first truncates, the rest append).</summary>
    public async Task WriteFileAsync(string vmId, string path, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        var offset = 0;
        do
        {
            var count = Math.Min(FileChunkBytes, data.Length - offset);
            await _rpc.InvokeWithParameterObjectAsync("fs.writeFile", new { vmId, path, data = data.Slice(offset, count).ToArray(), append = offset > 0 }, cancellationToken)
                .ConfigureAwait(false);
            offset += count;
        }
        while (offset < data.Length);
    }

    /// <summary><c>fs.importTar</c>: unpacks the tar at VM path <paramref name="archive"/> (written with
    /// <see cref="WriteFileAsync"/>) into the new directory <paramref name="path"/>.</summary>
    public Task ImportTarAsync(string vmId, string archive, string path, bool gzip = false, CancellationToken cancellationToken = default) =>
        _rpc.InvokeWithParameterObjectAsync("fs.importTar", new { vmId, archive, path, gzip }, cancellationToken);

    /// <summary><c>fs.exportTar</c>: packs <paramref name="path"/> into the VM file <paramref name="archive"/> (read it
    /// with <see cref="ReadFileAsync"/>).</summary>
    public Task ExportTarAsync(string vmId, string path, string archive, bool gzip = false, CancellationToken cancellationToken = default) =>
        _rpc.InvokeWithParameterObjectAsync("fs.exportTar", new { vmId, path, archive, gzip }, cancellationToken);

    /// <summary><c>fs.mkdir</c> (with parents).</summary>
    public Task CreateDirectoryAsync(string vmId, string path, CancellationToken cancellationToken = default) =>
        _rpc.InvokeWithParameterObjectAsync("fs.mkdir", new { vmId, path }, cancellationToken);

    /// <summary><c>fs.readdir</c>.</summary>
    public Task<SidecarDirectoryEntry[]> ReadDirectoryAsync(string vmId, string path, bool recursive = false, CancellationToken cancellationToken = default) =>
        _rpc.InvokeWithParameterObjectAsync<SidecarDirectoryEntry[]>("fs.readdir", new { vmId, path, recursive }, cancellationToken);

    /// <summary><c>fs.stat</c>.</summary>
    public Task<SidecarFileStat> StatAsync(string vmId, string path, CancellationToken cancellationToken = default) =>
        _rpc.InvokeWithParameterObjectAsync<SidecarFileStat>("fs.stat", new { vmId, path }, cancellationToken);

    /// <summary><c>fs.remove</c>.</summary>
    public Task RemoveAsync(string vmId, string path, bool recursive = false, CancellationToken cancellationToken = default) =>
        _rpc.InvokeWithParameterObjectAsync("fs.remove", new { vmId, path, recursive }, cancellationToken);

    /// <summary><c>fs.move</c>.</summary>
    public Task MoveAsync(string vmId, string from, string to, CancellationToken cancellationToken = default) =>
        _rpc.InvokeWithParameterObjectAsync("fs.move", new { vmId, from, to }, cancellationToken);

    /// <summary><c>limits.usage</c>: a VM's gauges, or with a null <paramref name="vmId"/> the sidecar's own queues.</summary>
    public Task<LimitUsage[]> LimitUsageAsync(string? vmId, CancellationToken cancellationToken = default) =>
        _rpc.InvokeWithParameterObjectAsync<LimitUsage[]>("limits.usage", vmId is null ? new { } : new { vmId }, cancellationToken);

    /// <summary>Closes the sidecar's stdin (it disposes every VM and exits) and waits for it; kills it after 10 s.</summary>
    public async ValueTask DisposeAsync()
    {
        _rpc.Dispose();
        if (_process is null)
        {
            return;
        }

        using (_process)
        {
            try
            {
                // Disposing the connection closed the sidecar's stdin: it disposes every VM and exits.
                using var timeout = new CancellationTokenSource(ExitTimeout);
                await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary><c>terminal.open</c>: starts <paramref name="program"/> (default the interactive shell) on a new
    /// pseudo-terminal of <paramref name="cols"/> × <paramref name="rows"/>; its screen arrives as
    /// <see cref="TerminalOutput"/> events. Returns the program's pid, which names the terminal.</summary>
    public async Task<int> OpenTerminalAsync(string vmId, string program = "/bin/sh", IEnumerable<string>? args = null, int cols = 80, int rows = 24, CancellationToken cancellationToken = default)
    {
        var result = await _rpc.InvokeWithParameterObjectAsync<Spawned>("terminal.open", new { vmId, program, args = args?.ToArray() ?? [], cols, rows }, cancellationToken)
            .ConfigureAwait(false);
        return result.Pid;
    }

    /// <summary><c>terminal.write</c>: types <paramref name="data"/> at the terminal (waits while the guest's input is full).</summary>
    public Task WriteTerminalAsync(string vmId, int pid, byte[] data, CancellationToken cancellationToken = default) =>
        _rpc.InvokeWithParameterObjectAsync("terminal.write", new { vmId, pid, data }, cancellationToken);

    /// <summary><c>terminal.resize</c>: a new window size (the foreground job gets SIGWINCH).</summary>
    public Task ResizeTerminalAsync(string vmId, int pid, int cols, int rows, CancellationToken cancellationToken = default) =>
        _rpc.InvokeWithParameterObjectAsync("terminal.resize", new { vmId, pid, cols, rows }, cancellationToken);

    /// <summary><c>terminal.wait</c>: waits for the terminal's program to end.</summary>
    public Task<ProcessExit> WaitTerminalAsync(string vmId, int pid, CancellationToken cancellationToken = default) =>
        _rpc.InvokeWithParameterObjectAsync<ProcessExit>("terminal.wait", new { vmId, pid }, cancellationToken);

    /// <summary><c>terminal.close</c>: hangs the terminal up (its foreground job gets SIGHUP).</summary>
    public Task CloseTerminalAsync(string vmId, int pid, CancellationToken cancellationToken = default) =>
        _rpc.InvokeWithParameterObjectAsync("terminal.close", new { vmId, pid }, cancellationToken);

    private sealed record VmCreated(string VmId);

    private sealed record Spawned(int Pid);

    private sealed record Signalled(bool Delivered);

    /// <summary>The client's RPC target: the sidecar's notifications, raised as events.</summary>
    private sealed class Notifications(SidecarClient client)
    {
        [JsonRpcMethod("process.output")]
        public void OnOutput(SidecarOutput output) => client.Output?.Invoke(client, output);

        [JsonRpcMethod("process.exit")]
        public void OnExit(SidecarExit exit) => client.Exited?.Invoke(client, exit);

        [JsonRpcMethod("terminal.output")]
        public void OnTerminalOutput(SidecarTerminalOutput output) => client.TerminalOutput?.Invoke(client, output);

        [JsonRpcMethod("terminal.exit")]
        public void OnTerminalExit(SidecarExit exit) => client.TerminalExited?.Invoke(client, exit);

        [JsonRpcMethod("vm.limitWarning")]
        public void OnLimitWarning(SidecarLimitWarning warning) => client.LimitWarning?.Invoke(client, warning);
    }
}
