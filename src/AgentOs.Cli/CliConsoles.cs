using Spectre.Console;

namespace AgentOs.Cli;

/// <summary>Spectre consoles bound to a specific stream: tables go to stdout, progress to stderr.</summary>
internal static class CliConsoles
{
    /// <summary>Width used when the stream is a file or pipe, so long cells (hashes, paths) never wrap.</summary>
    private const int RedirectedWidth = 240;

    public static IAnsiConsole Stdout() => Create(Console.Out, Console.IsOutputRedirected);

    public static IAnsiConsole Stderr() => Create(Console.Error, Console.IsErrorRedirected);

    private static IAnsiConsole Create(TextWriter writer, bool redirected)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            // Spectre's own detection looks at stdout; this console's stream is what matters.
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Yes,
        });
        if (redirected)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
