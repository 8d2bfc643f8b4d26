using System.CommandLine;
using AgentOs.Kernel.Limits;
using AgentOs.Software;

namespace AgentOs.Cli;

/// <summary>
/// The <c>agentos</c> command line: parses, runs one command, and turns every failure into one line on stderr and an
/// exit code (2 for bad input, 1 for run-time failures, the guest's own status otherwise). Stdout carries only
/// guest output and requested tables.
/// </summary>
internal static class CliApp
{
    // The tokens of the help and version options (HelpOption's aliases, VersionOption's name).
    private static readonly HashSet<string> HelpOrVersionTokens = new(StringComparer.Ordinal) { "--help", "-h", "-?", "/h", "/?", "--version" };

    private static readonly HashSet<string> PassThroughCommands = new(StringComparer.Ordinal) { "exec", "run", "limits" };

    public static async Task<int> RunAsync(string[] args)
    {
        Command root;
        if (args is ["exec" or "run" or "sh", ..] && !args.Any(a => a.StartsWith("--cluster", StringComparison.Ordinal) || HelpOrVersionTokens.Contains(a)))
        {
            // These create a local VM: Wasmtime's engine and linker (tens of milliseconds) are set up on another core
            // while the command line is parsed and the software checked.
            SharedWasmRuntime.WarmUp(EffectiveLimits.Default.MaxWasmStackBytes);

            // Start-up: only the command in use is built, without the help and version options (whose descriptions
            // load the parser's resources) since no token asks for them; every other command line gets the whole tree.
            root = NewRoot();
            root.Subcommands.Add(args[0] switch { "exec" => VmCommands.Exec(), "run" => VmCommands.Run(), _ => VmCommands.Shell() });
        }
        else
        {
            root = BuildRoot();
        }

        ParseResult parse;
        try
        {
            parse = root.Parse(ArgumentNormalizer.Normalize(root, args, PassThroughCommands));
        }
        catch (CliUsageException e)
        {
            return Fail(ExitCodes.Usage, e.Message);
        }

        if (parse.Errors.Count > 0 && parse.Action?.ClearsParseErrors != true)
        {
            string command = parse.CommandResult.Command == root ? "agentos" : $"agentos {parse.CommandResult.Command.Name}";
            return Fail(ExitCodes.Usage, $"{string.Join("; ", parse.Errors.Select(e => e.Message))} (see '{command} --help')");
        }

        try
        {
            // The VM commands handle Ctrl-C themselves (SIGINT to the guest), so the parser must not.
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null })
                .ConfigureAwait(false);
        }
        catch (CliUsageException e)
        {
            return Fail(ExitCodes.Usage, e.Message);
        }
        catch (LimitConfigurationException e)
        {
            return Fail(ExitCodes.Usage, "invalid limit: " + e.Message.Replace($" (Parameter '{e.ParamName}')", string.Empty, StringComparison.Ordinal));
        }
        catch (SoftwareException e)
        {
            return Fail(ExitCodes.Failure, $"software: {e.Message}");
        }
        catch (AgentOsStateException e)
        {
            return Fail(ExitCodes.Failure, e.Message);
        }
        catch (OperationCanceledException)
        {
            return Fail(ExitCodes.Interrupted, "interrupted");
        }
#pragma warning disable CA1031 // The CLI's last line of defence: one line, never a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return Fail(ExitCodes.Failure, $"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>A plain command named <c>agentos</c> (a RootCommand would be named after the assembly).</summary>
    internal static Command BuildRoot()
    {
        var root = NewRoot();
        root.Options.Add(new System.CommandLine.Help.HelpOption());
        root.Options.Add(new VersionOption());
        foreach (var command in (Command[])[VmCommands.Exec(), VmCommands.Run(), VmCommands.Shell(), VmCommands.Limits(), SoftwareCommands.Create(),
            SidecarCommand.Create(), CompletionCommand.Create(), McpCommand.Create(), Cluster.NodeCommand.Create(), Cluster.ClusterCommand.Create()])
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    private static Command NewRoot() => new("agentos", "Run commands in a sandboxed agentOS VM (WebAssembly guests, per-VM resource limits).");

    private static int Fail(int code, string message)
    {
        Console.Error.WriteLine("agentos: " + message.ReplaceLineEndings(" "));
        return code;
    }
}
