using System.CommandLine;
using System.Text;

namespace AgentOs.Cli;

/// <summary>
/// <c>agentos completion bash|zsh|pwsh</c>: prints a shell completion script for every command and option, generated
/// from the command tree so it never lags behind it. Completion runs in the shell alone: no CLI start per Tab.
/// </summary>
internal static class CompletionCommand
{
    private static readonly string[] Shells = ["bash", "zsh", "pwsh"];

    public static Command Create()
    {
        var shell = new Argument<string>("shell") { Description = "bash, zsh or pwsh." };
        shell.AcceptOnlyFromAmong(Shells);
        var command = new Command("completion", """
            Print a shell completion script. bash: eval "$(agentos completion bash)" (e.g. in ~/.bashrc); zsh: the same with zsh;
            pwsh: agentos completion pwsh | Out-String | Invoke-Expression (e.g. in $PROFILE).
            """) { shell };
        command.SetAction(parse =>
        {
            Console.Out.Write(Script(parse.GetValue(shell)!, CliApp.BuildRoot()));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The completion script for <paramref name="shell"/> over the tree under <paramref name="root"/>.</summary>
    public static string Script(string shell, Command root)
    {
        var tree = new List<(string Path, string[] Commands, string[] Options)>();
        Walk(root, string.Empty, [], tree);
        return shell switch
        {
            "bash" => Bash(tree),
            // zsh runs the bash function through its bash-compatibility layer.
            "zsh" => "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n" + Bash(tree),
            "pwsh" => Pwsh(tree),
            _ => throw new CliUsageException($"completion: unknown shell '{shell}' (bash, zsh or pwsh)"),
        };
    }

    private static void Walk(Command command, string path, IReadOnlyList<Option> inherited, List<(string, string[], string[])> tree)
    {
        var recursive = inherited.Concat(command.Options.Where(o => o.Recursive)).ToList();
        var options = command.Options.Concat(inherited).Where(o => !o.Hidden).Select(o => o.Name).Distinct().Order(StringComparer.Ordinal).ToArray();
        var children = command.Subcommands.Where(c => !c.Hidden).ToList();
        tree.Add((path, [.. children.Select(c => c.Name)], options));
        foreach (var child in children)
        {
            Walk(child, path.Length == 0 ? child.Name : $"{path} {child.Name}", recursive, tree);
        }
    }

    private static string Bash(List<(string Path, string[] Commands, string[] Options)> tree)
    {
        var script = new StringBuilder("""
            # agentos completion for bash (agentos completion bash)
            _agentos_words() {
              case "$1" in

            """);
        foreach (var (path, commands, options) in tree)
        {
            script.Append("    \"").Append(path).Append("\") echo \"").AppendJoin(' ', commands.Concat(options)).Append("\" ;;\n");
        }

        script.Append("""
              esac
            }
            _agentos() {
              local path="" word i words
              for ((i = 1; i < COMP_CWORD; i++)); do
                word="${COMP_WORDS[i]}"
                [[ "$word" == -* ]] && continue
                words=" $(_agentos_words "$path") "
                [[ "$words" == *" $word "* ]] && path="${path:+$path }$word"
              done
              COMPREPLY=($(compgen -W "$(_agentos_words "$path")" -- "${COMP_WORDS[COMP_CWORD]}"))
            }
            complete -o default -F _agentos agentos

            """);
        return script.ToString();
    }

    private static string Pwsh(List<(string Path, string[] Commands, string[] Options)> tree)
    {
        var script = new StringBuilder("""
            # agentos completion for PowerShell (agentos completion pwsh)
            Register-ArgumentCompleter -Native -CommandName agentos -ScriptBlock {
                param($wordToComplete, $commandAst, $cursorPosition)
                $commands = @{

            """);
        foreach (var (path, commands, _) in tree)
        {
            script.Append("        '").Append(path).Append("' = @(").AppendJoin(", ", commands.Select(c => $"'{c}'")).Append(")\n");
        }

        script.Append("    }\n    $options = @{\n");
        foreach (var (path, _, options) in tree)
        {
            script.Append("        '").Append(path).Append("' = @(").AppendJoin(", ", options.Select(o => $"'{o}'")).Append(")\n");
        }

        script.Append("""
                }
                $path = ''
                foreach ($element in $commandAst.CommandElements | Select-Object -Skip 1) {
                    if ($element.Extent.EndOffset -ge $cursorPosition) { break }
                    $word = $element.ToString()
                    if ($commands[$path] -contains $word) { $path = "$path $word".Trim() }
                }
                @($commands[$path]) + @($options[$path]) | Where-Object { $_ -like "$wordToComplete*" } |
                    ForEach-Object { [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_) }
            }

            """);
        return script.ToString();
    }
}
