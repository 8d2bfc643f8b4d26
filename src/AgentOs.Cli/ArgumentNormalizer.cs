using System.CommandLine;

namespace AgentOs.Cli;

/// <summary>
/// Makes everything from a command's first positional token on literal: <c>agentos run ls -la</c> passes <c>-la</c>
/// to ls and <c>agentos exec echo --x</c> passes <c>--x</c> to the shell, by inserting <c>--</c> before that token.
/// Only the named commands (whose trailing arguments belong to the guest) are rewritten; an unknown option before
/// the first positional token is a usage error.
/// </summary>
internal static class ArgumentNormalizer
{
    public static string[] Normalize(Command root, IReadOnlyList<string> args, IReadOnlySet<string> passThroughCommands)
    {
        if (args.Count == 0 || !passThroughCommands.Contains(args[0])
            || root.Subcommands.FirstOrDefault(c => c.Name == args[0]) is not { } command)
        {
            return [.. args];
        }

        var known = new HashSet<string>(StringComparer.Ordinal);
        var valued = new HashSet<string>(StringComparer.Ordinal);
        foreach (Option option in command.Options.Concat(root.Options.Where(o => o.Recursive)))
        {
            string[] names = [option.Name, .. option.Aliases];
            known.UnionWith(names);
            if (option.ValueType != typeof(bool) && option.Arity.MaximumNumberOfValues > 0)
            {
                valued.UnionWith(names);
            }
        }

        var result = new List<string>(args.Count + 1) { args[0] };
        for (int i = 1; i < args.Count; i++)
        {
            string token = args[i];
            if (token == "--")
            {
                result.AddRange(args.Skip(i));
                return [.. result];
            }

            if (token.Length > 1 && token[0] == '-')
            {
                // Without this check the parser would take an unknown option as the guest's first argument.
                string name = token.Split('=', ':')[0];
                if (!known.Contains(name))
                {
                    throw new CliUsageException($"{args[0]}: unrecognized option '{name}' (see 'agentos {args[0]} --help')");
                }

                result.Add(token);
                if (valued.Contains(token) && i + 1 < args.Count)
                {
                    result.Add(args[++i]);
                }

                continue;
            }

            result.Add("--");
            result.AddRange(args.Skip(i));
            return [.. result];
        }

        return [.. result];
    }
}
