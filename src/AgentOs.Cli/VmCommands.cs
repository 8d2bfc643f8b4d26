using System.CommandLine;
using AgentOs.Kernel.Limits;

namespace AgentOs.Cli;

/// <summary>The commands that create a VM: exec, run, sh, limits.</summary>
internal static class VmCommands
{
    public static Command Exec()
    {
        var options = new VmOptionSet();
        var line = new Argument<string[]>("command line")
        {
            Description = "Shell command line, run as sh -c '<command line>' (several words are joined with spaces).",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("exec", "Run a command line through the guest shell in a fresh VM; stdout/stderr stream live, the exit code is the guest's (128+N for signal N).")
        {
            line,
        };
        Option<RunTimeout?> timeout = TimeoutOption();
        Option<string?> state = StateFile.Option();
        command.Options.Add(timeout);
        var cluster = Cluster.ClusterCli.UrlOption("Run in the named VM (--vm) of this cluster of agentos nodes instead of a fresh local VM.");
        var vm = new Option<string?>("--vm")
        {
            HelpName = "NAME",
            Description = "With --cluster: the VM to run in (letters, digits, '.', '_', '-'; up to 128), created with these options on first use; it keeps its files between runs.",
        };
        command.Options.Add(state);
        command.Options.Add(cluster);
        command.Options.Add(vm);
        options.AddTo(command);
        command.SetAction((parse, ct) =>
        {
            VmSettings settings = options.Read(parse, Environment.GetEnvironmentVariable) with { StateFile = parse.GetValue(state) };
            string commandLine = string.Join(' ', parse.GetValue(line)!);
            if (parse.GetValue(cluster) is { } url)
            {
                if (settings.StateFile is not null)
                {
                    throw new CliUsageException("--state cannot be used with --cluster (a cluster VM keeps its state in the cluster's store)");
                }

                return Cluster.ClusterExec.RunAsync(url, parse.GetValue(vm), settings, commandLine, parse.GetValue(timeout));
            }

            return parse.GetValue(vm) is not null
                ? throw new CliUsageException("--vm needs --cluster URL (a local exec always runs in a fresh VM)")
                : GuestSession.RunAsync(settings, "sh", ["-c", commandLine], GuestStdin.IfRedirected, parse.GetValue(timeout));
        });
        return command;
    }

    public static Command Run()
    {
        var options = new VmOptionSet();
        var program = new Argument<string>("program") { Description = "Guest program to run without a shell (127 if it does not exist)." };
        var args = new Argument<string[]>("args") { Description = "Its arguments, passed literally.", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("run", "Run one guest program with arguments (no shell) in a fresh VM.") { program, args };
        Option<RunTimeout?> timeout = TimeoutOption();
        Option<string?> state = StateFile.Option();
        command.Options.Add(timeout);
        command.Options.Add(state);
        options.AddTo(command);
        command.SetAction((parse, ct) =>
            GuestSession.RunAsync(options.Read(parse, Environment.GetEnvironmentVariable) with { StateFile = parse.GetValue(state) }, parse.GetValue(program)!, parse.GetValue(args) ?? [], GuestStdin.IfRedirected, parse.GetValue(timeout)));
        return command;
    }

    public static Command Shell()
    {
        var options = new VmOptionSet();
        var command = new Command("sh", "Start the guest shell on this terminal (interactive, on a VM pseudo-terminal, when stdin and stdout are a terminal; else wired to stdin/stdout/stderr); exits with the shell's status.");
        Option<string?> state = StateFile.Option();
        command.Options.Add(state);
        options.AddTo(command);
        command.SetAction((parse, ct) => HostTerminal.IsAvailable && !OperatingSystem.IsWindows()
            ? TerminalShell.RunAsync(options.Read(parse, Environment.GetEnvironmentVariable) with { StateFile = parse.GetValue(state) })
            : GuestSession.RunAsync(options.Read(parse, Environment.GetEnvironmentVariable) with { StateFile = parse.GetValue(state) }, "sh", [], GuestStdin.Always));
        return command;
    }

    private static Option<RunTimeout?> TimeoutOption() => new("--timeout")
    {
        HelpName = "DURATION",
        Description = "Kill every process of the run after DURATION (500ms, 2s, 1m); the CLI then prints 'agentos: timed out after DURATION' and exits 124, as GNU timeout.",
        CustomParser = result =>
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
            if (DurationParser.TryParse(text, out TimeSpan duration))
            {
                return new RunTimeout(duration, text.Trim());
            }

            result.AddError($"--timeout: '{text}' is not a duration ({DurationParser.Syntax})");
            return null;
        },
    };

    public static Command Limits()
    {
        var options = new VmOptionSet();
        var usage = new Option<bool>("--usage")
        {
            Description = "Create a VM, run the command line if one is given (its output goes to stderr), then add current and high-water usage columns; exits with the command's status.",
        };
        var line = new Argument<string[]>("command line")
        {
            Description = "With --usage: shell command line to run before reading usage.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var json = JsonOption("[{limit, configPath, default, effective, current?, highWater?}]");
        var command = new Command("limits", "Show every limit: config path, default and effective value (after --limits FILE and flags).") { usage, json, line };
        options.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            VmSettings settings = options.Read(parse, Environment.GetEnvironmentVariable);
            string[] words = parse.GetValue(line) ?? [];
            if (!parse.GetValue(usage))
            {
                if (words.Length > 0)
                {
                    throw new CliUsageException("limits: a command line needs --usage");
                }

                Write(settings.Limits.Resolve(), null, parse.GetValue(json));
                return ExitCodes.Success;
            }

            (int status, EffectiveLimits effective, IReadOnlyList<LimitUsage> snapshot) =
                await GuestSession.MeasureAsync(settings, words.Length == 0 ? null : string.Join(' ', words)).ConfigureAwait(false);
            Write(effective, snapshot, parse.GetValue(json));
            return status;
        });
        return command;
    }

    /// <summary><c>--json</c>: machine-readable output on stdout instead of a table.</summary>
    public static Option<bool> JsonOption(string shape) => new("--json")
    {
        Description = $"Print JSON instead of a table: {shape}.",
    };

    private static void Write(EffectiveLimits effective, IReadOnlyList<LimitUsage>? usage, bool json)
    {
        if (json)
        {
            Console.Out.WriteLine(LimitsTable.Json(effective, usage));
        }
        else
        {
            CliConsoles.Stdout().Write(LimitsTable.Build(effective, usage));
        }
    }
}
