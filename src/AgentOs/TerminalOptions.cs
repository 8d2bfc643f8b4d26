namespace AgentOs;

/// <summary>How <see cref="AgentOsVm.OpenTerminal"/> starts a program on a new pseudo-terminal.</summary>
public sealed class TerminalOptions
{
    /// <summary>Window width in columns (1..4096). Default 80.</summary>
    public int Columns { get; set; } = 80;

    /// <summary>Window height in rows (1..4096). Default 24.</summary>
    public int Rows { get; set; } = 24;

    /// <summary>Environment variables added to (or replacing) the VM's; <c>TERM</c> defaults to <c>xterm-256color</c>,
    /// and <c>COLUMNS</c>/<c>LINES</c> are set from the size.</summary>
    public IDictionary<string, string>? Env { get; set; }

    /// <summary>
    /// Whether the VM answers the cursor position queries (<c>ESC [ 6 n</c>) that programs write to the terminal, as a
    /// terminal emulator would, from the cursor position it follows through the output. Default true, for hosts that
    /// read the bytes without an emulator: the shell's line editor asks before every prompt and gives up without an
    /// answer. Set it to false when a real terminal (or xterm.js) behind <see cref="AgentOsTerminal.Output"/> answers.
    /// </summary>
    public bool AnswerCursorQueries { get; set; } = true;

    /// <summary>Working directory (absolute, or relative to <see cref="AgentOsVm.WorkingDirectory"/>).</summary>
    public string? Cwd { get; set; }
}
