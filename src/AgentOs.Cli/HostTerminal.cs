using System.Runtime.InteropServices;

namespace AgentOs.Cli;

/// <summary>
/// The host terminal on this process's stdin: its size, and raw mode (cfmakeraw) with the settings it had restored
/// by <see cref="Dispose"/>, at process exit, on an unhandled exception and (through <see cref="TerminalShell"/>) on
/// SIGTERM/SIGHUP/SIGQUIT/SIGINT, so that no exit path the process sees leaves the user's terminal raw (SIGKILL of the
/// CLI cannot be caught: <c>stty sane</c> then). Unix only; elsewhere the CLI does not use a VM terminal.
/// </summary>
internal sealed partial class HostTerminal : IDisposable
{
    // struct termios is 60 bytes on Linux (glibc/musl) and 72 on macOS; the saved copy is an opaque blob.
    private const int TermiosBytes = 128;
    private const int StdinFd = 0;
    private const int TcsaDrain = 1;

    private readonly byte[] _saved = new byte[TermiosBytes];
    private int _restored;

    private HostTerminal()
    {
    }

    /// <summary>Whether stdin and stdout are terminals and this platform has termios.</summary>
    public static bool IsAvailable =>
        (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) && IsATty(StdinFd) == 1 && IsATty(1) == 1;

    /// <summary>The host window size (TIOCGWINSZ on stdout, else stdin), or 80 × 24 when it cannot be read; clamped to
    /// what a VM terminal accepts. Read without <see cref="Console"/>, whose terminal set-up would change the modes.</summary>
    public static (int Columns, int Rows) Size
    {
        get
        {
            var request = OperatingSystem.IsMacOS() ? 0x40087468UL : 0x5413UL;
            foreach (var fd in new[] { 1, 0 })
            {
                var size = new ushort[4];
                if (IoctlWinSize(fd, request, size) == 0 && size[0] > 0 && size[1] > 0)
                {
                    return (Math.Clamp((int)size[1], 1, 4096), Math.Clamp((int)size[0], 1, 4096));
                }
            }

            return (80, 24);
        }
    }

    /// <summary>This process's stdin as a plain descriptor stream (read(2), no console line handling).</summary>
    public static Stream OpenInput() => new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(0, ownsHandle: false), FileAccess.Read, 1);

    /// <summary>This process's stdout as a plain descriptor stream (write(2)).</summary>
    public static Stream OpenOutput() => new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(1, ownsHandle: false), FileAccess.Write, 1);

    /// <summary>Saves the terminal's settings and switches it to raw mode. Null when it is not a terminal after all.</summary>
    public static HostTerminal? EnterRawMode()
    {
        var terminal = new HostTerminal();
        if (TcGetAttr(StdinFd, terminal._saved) != 0)
        {
            return null;
        }

        var raw = (byte[])terminal._saved.Clone();
        CfMakeRaw(raw);
        if (TcSetAttr(StdinFd, TcsaDrain, raw) != 0)
        {
            return null;
        }

        AppDomain.CurrentDomain.ProcessExit += terminal.OnProcessExit;
        AppDomain.CurrentDomain.UnhandledException += terminal.OnUnhandledException;
        return terminal;
    }

    /// <summary>Restores the saved settings (idempotent, safe from any thread).</summary>
    public void Restore()
    {
        if (Interlocked.Exchange(ref _restored, 1) == 0)
        {
            _ = TcSetAttr(StdinFd, TcsaDrain, _saved);
        }
    }

    /// <inheritdoc cref="Restore"/>
    public void Dispose()
    {
        Restore();
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        AppDomain.CurrentDomain.UnhandledException -= OnUnhandledException;
    }

    private void OnProcessExit(object? sender, EventArgs e) => Restore();

    // A crash of the CLI itself: the runtime does not run ProcessExit handlers then.
    private void OnUnhandledException(object? sender, UnhandledExceptionEventArgs e) => Restore();

    [LibraryImport("libc", EntryPoint = "isatty")]
    private static partial int IsATty(int fd);

    [LibraryImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    private static partial int TcGetAttr(int fd, [Out] byte[] termios);

    [LibraryImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    private static partial int TcSetAttr(int fd, int optionalActions, byte[] termios);

    [LibraryImport("libc", EntryPoint = "ioctl")]
    private static partial int IoctlWinSize(int fd, ulong request, [Out] ushort[] winsize);

    [LibraryImport("libc", EntryPoint = "cfmakeraw")]
    private static partial void CfMakeRaw([In, Out] byte[] termios);
}
