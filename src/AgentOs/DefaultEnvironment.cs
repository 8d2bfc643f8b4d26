namespace AgentOs;

/// <summary>The environment of a top-level process in the reference VM (spec §6); the shell adds PWD, OLDPWD and SHLVL.</summary>
internal static class DefaultEnvironment
{
    /// <summary>The variables for <paramref name="user"/> with <paramref name="overrides"/> applied last.</summary>
    public static Dictionary<string, string> Create(VmUser user, IEnumerable<KeyValuePair<string, string>> overrides)
    {
        var (name, home) = user == VmUser.Root ? ("root", "/root") : ("agentos", "/home/agentos");
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["CHARSET"] = "UTF-8",
            ["HOME"] = home,
            ["HOSTNAME"] = "agentos",
            ["LANG"] = "C.UTF-8",
            ["LC_COLLATE"] = "C",
            ["LOGNAME"] = name,
            ["MANPATH"] = "/opt/agentos/share/man:/usr/local/share/man:/usr/share/man",
            ["PAGER"] = "less",
            ["PATH"] = Kernel.Kernel.DefaultPath,
            ["PS1"] = "\\h:\\w\\$ ",
            ["SHELL"] = "/bin/sh",
            ["TMPDIR"] = "/tmp",
            ["USER"] = name,
        };
        Merge(env, overrides);
        return env;
    }

    /// <summary>Sets every pair of <paramref name="overrides"/> in <paramref name="env"/>.</summary>
    /// <exception cref="ArgumentException">A name is empty or contains '='.</exception>
    public static void Merge(Dictionary<string, string> env, IEnumerable<KeyValuePair<string, string>>? overrides)
    {
        if (overrides is null)
        {
            return;
        }

        foreach (var (key, value) in overrides)
        {
            if (key.Length == 0 || key.Contains('=', StringComparison.Ordinal) || key.Contains('\0', StringComparison.Ordinal))
            {
                throw new ArgumentException($"\"{key}\" is not a valid environment variable name.", nameof(overrides));
            }

            env[key] = value ?? string.Empty;
        }
    }

    /// <summary>"K=V" entries sorted by name, as execve takes them.</summary>
    public static string[] ToEntries(Dictionary<string, string> env)
    {
        // A loop, not Select over the pairs: that instantiation is compiled at the first spawn (~3 ms of a CLI's start).
        var entries = new string[env.Count];
        var i = 0;
        foreach (var (key, value) in env)
        {
            entries[i++] = key + "=" + value;
        }

        Array.Sort(entries, StringComparer.Ordinal);
        return entries;
    }
}
