using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace AgentOs.Mcp.Tools;

/// <summary>
/// A tool bound to one VM. Every expected failure (bad arguments, an errno from the VM, a limit refusing) becomes a
/// result with <c>isError</c> and a message naming the errno or the limit's config path, so the model can react; only
/// the client's cancellation propagates.
/// </summary>
internal abstract class VmTool(IMcpSessionVm vm, AgentOsMcpOptions options) : McpServerTool
{
    protected IMcpSessionVm Vm => vm;

    protected AgentOsMcpOptions Options => options;

    /// <summary>The argument names the tool accepts (its input schema's properties).</summary>
    protected abstract IReadOnlyCollection<string> ArgumentNames { get; }

    public override IReadOnlyList<object> Metadata => [];

    public sealed override async ValueTask<CallToolResult> InvokeAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var arguments = new ToolArguments(ProtocolTool.Name, request.Params?.Arguments, ArgumentNames);
            return await CallAsync(arguments, cancellationToken).ConfigureAwait(false);
        }
        catch (ToolArgumentException e)
        {
            return ToolResults.Error(e.Message);
        }
        catch (AgentOsFileSystemException e)
        {
            return ToolResults.Error(e.Message);
        }
        catch (AgentOsSpawnException e)
        {
            return ToolResults.Error(e.LimitConfigPath is null ? $"{e.Errno}: {e.Message}" : $"{e.Errno}: {e.Message} (raise {e.LimitConfigPath})");
        }
    }

    /// <exception cref="ToolArgumentException">An argument is unusable.</exception>
    /// <exception cref="AgentOsFileSystemException">The VM refused a filesystem operation.</exception>
    /// <exception cref="AgentOsSpawnException">The VM refused to start a process.</exception>
    protected abstract ValueTask<CallToolResult> CallAsync(ToolArguments arguments, CancellationToken cancellationToken);
}
