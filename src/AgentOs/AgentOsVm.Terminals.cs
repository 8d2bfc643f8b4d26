using System.Collections.Concurrent;
using AgentOs.Kernel;
using AgentOs.Kernel.Exec;
using AgentOs.Kernel.Ipc;
using AgentOs.Kernel.Limits;

namespace AgentOs;

/// <summary>Programs on pseudo-terminals.</summary>
public sealed partial class AgentOsVm
{
    private readonly ConcurrentDictionary<AgentOsTerminal, byte> _terminals = new();

    /// <summary>
    /// Opens a pseudo-terminal of <see cref="TerminalOptions.Columns"/> × <see cref="TerminalOptions.Rows"/> and starts
    /// <paramref name="program"/> (default <c>/bin/sh</c>, which then runs interactively: prompt, line editing,
    /// history) on it as a session leader. Each terminal counts against <c>limits.resources.maxPtys</c> until it is
    /// closed and its programs have ended.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension outside 1..4096.</exception>
    /// <exception cref="AgentOsSpawnException">The VM has <c>maxPtys</c> terminals open (EAGAIN, naming the limit), or
    /// the program could not be started (ENOENT, a process limit…).</exception>
    public AgentOsTerminal OpenTerminal(string program = "/bin/sh", IEnumerable<string>? arguments = null, TerminalOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(program);
        ThrowIfDisposed();
        options ??= new TerminalOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Columns, 1, "options.Columns");
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Columns, Pty.MaxDimension, "options.Columns");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Rows, 1, "options.Rows");
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Rows, Pty.MaxDimension, "options.Rows");

        var environment = new Dictionary<string, string>(_environment, StringComparer.Ordinal)
        {
            ["TERM"] = "xterm-256color",
        };
        DefaultEnvironment.Merge(environment, options.Env);
        environment["COLUMNS"] = options.Columns.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["LINES"] = options.Rows.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var directory = ResolveStartDirectory(program, options.Cwd);

        var errno = _kernel.OpenPty(options.Columns, options.Rows, out var master);
        if (errno != Errno.Success)
        {
            var path = EffectiveLimits.ConfigPath(nameof(ResourceLimits.MaxPtys));
            throw new AgentOsSpawnException(errno, program,
                $"{program}: cannot open a terminal: the VM has {_kernel.PtysGauge.Current} of {_kernel.Limits.MaxPtys} terminals (raise {path})", path);
        }

        master.Pty.AnswerCursorQueries = options.AnswerCursorQueries;
        var request = new SpawnRequest(program, [program, .. arguments ?? []], DefaultEnvironment.ToEntries(environment), [], directory);
        errno = _kernel.SpawnOnTerminal(request, _credentials, master, out var process);
        if (errno != Errno.Success)
        {
            master.Close();
            throw SpawnFailure(errno, program);
        }

        var terminal = new AgentOsTerminal(this, process, master);
        _terminals.TryAdd(terminal, 0);
        return terminal;
    }

    internal void Forget(AgentOsTerminal terminal) => _terminals.TryRemove(terminal, out _);

    private void CloseTerminals()
    {
        foreach (var (terminal, _) in _terminals)
        {
            terminal.Close();
        }
    }
}
