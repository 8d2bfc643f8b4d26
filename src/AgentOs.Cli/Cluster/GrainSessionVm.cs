using System.Text;
using AgentOs.Mcp;
using AgentOs.Orleans;
using GrainVmSettings = AgentOs.Orleans.VmSettings;

namespace AgentOs.Cli.Cluster;

/// <summary>
/// An MCP session's VM that is a VM grain of the cluster (<c>agentos node --mcp-http</c>): each session gets a fresh
/// VM named <c>mcp-</c> plus 32 hex digits, placed like any cluster VM, saved after every change and restored on
/// another node if its node fails. Ending the session deletes the VM (its saved state too), as a session VM's files
/// are discarded with its session on a single host.
/// </summary>
internal sealed class GrainSessionVm : IMcpSessionVm
{
    /// <summary>The prefix of the VM names of MCP sessions.</summary>
    public const string NamePrefix = "mcp-";

    private readonly IVmGrain _grain;

    private GrainSessionVm(string name, IVmGrain grain, VmInfo info)
    {
        Name = name;
        _grain = grain;
        WorkingDirectory = info.WorkingDirectory;
        Commands = info.Commands;
        Limits = new McpVmLimits(info.MaxProcesses, info.MaxFilesystemBytes, info.MaxMemoryBytes, info.MaxCpuCores);
    }

    public string Name { get; }

    public string WorkingDirectory { get; }

    public IReadOnlyCollection<string> Commands { get; }

    public McpVmLimits Limits { get; }

    /// <summary>Creates a new session's VM with <paramref name="settings"/> somewhere in the cluster.</summary>
    /// <exception cref="AgentOsHostCapacityException">No node has room for it (the MCP server then answers 503).</exception>
    public static async Task<IMcpSessionVm> CreateAsync(IGrainFactory grains, GrainVmSettings settings, CancellationToken cancellationToken)
    {
        string name = NamePrefix + Guid.NewGuid().ToString("N");
        IVmGrain grain;
        VmInfo info;
        try
        {
            grain = await grains.CreateVmAsync(name, settings).WaitAsync(cancellationToken).ConfigureAwait(false);
            info = await grain.GetInfoAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (VmCapacityException e)
        {
            throw new AgentOsHostCapacityException("host", e.Message);
        }

        return new GrainSessionVm(name, grain, info);
    }

    public async Task<McpExecResult> ExecAsync(string command, ExecOptions options, CancellationToken cancellationToken)
    {
        var grainOptions = new VmExecOptions
        {
            Cwd = options.Cwd,
            Stdin = options.StdinText,
            Timeout = options.Timeout,
            MaxOutputBytes = options.MaxCapturedOutputBytes,
        };
        VmExecResult result = await GuestAsync(() => _grain.ExecAsync(command, grainOptions, cancellationToken)).ConfigureAwait(false);
        return new McpExecResult(result.ExitCode, Encoding.UTF8.GetString(result.Stdout), result.StdoutTruncated, Encoding.UTF8.GetString(result.Stderr), result.StderrTruncated, result.TimedOut);
    }

    public async Task<FileSystemEntry> StatAsync(string path, CancellationToken cancellationToken)
    {
        VmFileEntry entry = await GuestAsync(() => _grain.StatAsync(path)).ConfigureAwait(false);
        return new FileSystemEntry(path, entry.Name, entry.Type, entry.Size);
    }

    public Task<byte[]> ReadFileAsync(string path, int maxBytes, CancellationToken cancellationToken) =>
        GuestAsync(() => _grain.ReadFileHeadAsync(path, maxBytes));

    public Task WriteFileAsync(string path, byte[] content, CancellationToken cancellationToken) =>
        GuestAsync(async () =>
        {
            await _grain.WriteFileAsync(path, content).ConfigureAwait(false);
            return true;
        });

    public async Task<IReadOnlyList<FileSystemEntry>> ReadDirectoryAsync(string path, CancellationToken cancellationToken)
    {
        IReadOnlyList<VmFileEntry> entries = await GuestAsync(() => _grain.ListAsync(path)).ConfigureAwait(false);
        string parent = path.TrimEnd('/');
        return [.. entries.Select(e => new FileSystemEntry($"{parent}/{e.Name}", e.Name, e.Type, e.Size))];
    }

    /// <summary>The session ended (DELETE, idle timeout, the node stopping): the VM and its saved state go.</summary>
    public async ValueTask DisposeAsync() => await _grain.DeleteAsync().ConfigureAwait(false);

    /// <summary>The grain's forms of guest failures become the library's, so the tools word them as for a local VM.</summary>
    private static async Task<T> GuestAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (VmFileSystemException e)
        {
            throw e.ToAgentOsException();
        }
        catch (VmSpawnException e)
        {
            throw e.ToAgentOsException();
        }
    }
}
