using AgentOs.Kernel;
using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Processes;

namespace AgentOs.Tests.Vm;

/// <summary>Interactive sessions of the published brush shell on a VM pseudo-terminal, driven through the library API.</summary>
public sealed class TerminalTests
{
    private const string Prompt = ":/workspace$ ";

    [Fact]
    public async Task TheShellIsInteractiveShowsAPromptAndRunsATypedCommand()
    {
        await using var vm = await VmOptions.CreateVmAsync();
        await using var terminal = vm.OpenTerminal();
        var screen = new TerminalScreen(terminal);
        var at = await screen.WaitForAsync(Prompt);

        // The line editor put the terminal in raw mode to read keys itself.
        await VmOptions.WaitUntilAsync(() => terminal.IsRaw, "raw mode");
        await terminal.WriteAsync("echo hello-$((6*7))\r");
        await screen.WaitForAsync("hello-42\r\n", at);
        await screen.WaitForAsync(Prompt, at);
    }

    [Fact]
    public async Task TheShellSeesATerminalAndItsSize()
    {
        await using var vm = await VmOptions.CreateVmAsync();
        await using var terminal = vm.OpenTerminal(options: new TerminalOptions { Columns = 100, Rows = 30 });
        var screen = new TerminalScreen(terminal);
        var at = await screen.WaitForAsync(Prompt);
        await terminal.WriteAsync("echo size=$COLUMNS/$LINES term=$TERM\r");
        await screen.WaitForAsync("size=100/30 term=xterm-256color\r\n", at);
        Assert.Equal(100, terminal.Columns);
        Assert.Equal(30, terminal.Rows);
        Assert.Equal(terminal.Pid, terminal.ForegroundProcessGroup);
    }

    [Fact]
    public async Task CtrlCInterruptsTheRunningCommandAndTheShellSurvives()
    {
        await using var vm = await VmOptions.CreateVmAsync();
        await using var terminal = vm.OpenTerminal();
        var screen = new TerminalScreen(terminal);
        await screen.WaitForAsync(Prompt);
        await terminal.WriteAsync("sleep 100\r");
        await VmOptions.WaitUntilAsync(() => vm.Processes.Any(p => p.Command.EndsWith("/sleep", StringComparison.Ordinal) && p.State == ProcessState.Running), "sleep running");

        // While the command runs the shell has restored cooked mode, so ^C is the line discipline's SIGINT.
        await VmOptions.WaitUntilAsync(() => !terminal.IsRaw, "cooked mode while the command runs");
        var at = screen.Text.Length;
        await terminal.WriteAsync("\x03");
        await screen.WaitForAsync("^C", at);
        await VmOptions.WaitUntilAsync(() => !vm.Processes.Any(p => p.Command.EndsWith("/sleep", StringComparison.Ordinal)), "sleep gone");
        await screen.WaitForAsync(Prompt, at);

        at = screen.Text.Length;
        await terminal.WriteAsync("echo status=$?\r");
        await screen.WaitForAsync("status=130\r\n", at);
        Assert.False(terminal.HasExited);
    }

    /// <summary>A plain WASI program's isatty (wasi-libc's: a character device without seek/tell rights) sees the
    /// terminal, so the library's gzip refuses compressed data to or from it, as GNU gzip does.</summary>
    [Fact]
    public async Task PlainProgramsSeeTheTerminalGzipRefusesCompressedDataOnIt()
    {
        await using var vm = await VmOptions.CreateVmAsync();
        await using var terminal = vm.OpenTerminal();
        var screen = new TerminalScreen(terminal);
        var at = await screen.WaitForAsync(Prompt);
        await terminal.WriteAsync("echo x | gzip; echo out=$?\r");
        await screen.WaitForAsync("gzip: compressed data not written to a terminal. Use -f to force compression.\r\n", at);
        await screen.WaitForAsync("out=1\r\n", at);
        at = await screen.WaitForAsync(Prompt, at);
        await terminal.WriteAsync("gzip -d; echo in=$?; echo ok | gzip | gzip -d\r");
        await screen.WaitForAsync("gzip: compressed data not read from a terminal. Use -f to force decompression.\r\n", at);
        await screen.WaitForAsync("in=1\r\nok\r\n", at);
    }

    [Fact]
    public async Task ExitEndsTheSessionWithItsStatusAndFurtherInputIsAClearError()
    {
        await using var vm = await VmOptions.CreateVmAsync();
        var terminal = vm.OpenTerminal();
        var screen = new TerminalScreen(terminal);
        await screen.WaitForAsync(Prompt);
        await terminal.WriteAsync("exit 3\r");
        var exit = await terminal.WaitAsync();
        Assert.Equal(3, exit.ExitCode);
        Assert.Null(exit.Signal);
        await screen.Reader;

        var closed = await Assert.ThrowsAsync<IOException>(() => terminal.WriteAsync("echo\r").AsTask());
        Assert.Contains("closed", closed.Message, StringComparison.Ordinal);
        terminal.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => terminal.WriteAsync("echo\r").AsTask());
        Assert.Throws<ObjectDisposedException>(() => terminal.Resize(90, 20));
        Assert.Equal(0, vm.LimitUsage.Single(u => u.Limit == LimitNames.Ptys).Current);
    }

    [Fact]
    public async Task CookedInputIsEditedEchoedAndCtrlDIsEndOfFile()
    {
        await using var vm = await VmOptions.CreateVmAsync();
        await using var terminal = vm.OpenTerminal("/bin/sh", ["-c", "read line; echo \"got:$line\"; wc -c"]);
        var screen = new TerminalScreen(terminal);
        await terminal.WriteAsync("ab\u007fc\r");
        await screen.WaitForAsync("got:ac\r\n");
        Assert.StartsWith("ab\b \bc\r\n", screen.Text, StringComparison.Ordinal);
        await terminal.WriteAsync("12345\r\x04");
        await screen.WaitForAsync("6\r\n");
        Assert.Equal(0, (await terminal.WaitAsync()).ExitCode);
    }

    [Fact]
    public async Task ResizeValidatesAndSignalsTheForegroundGroup()
    {
        await using var vm = await VmOptions.CreateVmAsync();
        await using var terminal = vm.OpenTerminal();
        var screen = new TerminalScreen(terminal);
        var at = await screen.WaitForAsync(Prompt);
        terminal.Resize(120, 40);
        Assert.Equal(120, terminal.Columns);
        Assert.Equal(40, terminal.Rows);
        Assert.Throws<ArgumentOutOfRangeException>(() => terminal.Resize(0, 40));
        Assert.Throws<ArgumentOutOfRangeException>(() => terminal.Resize(120, 100_000));

        // SIGWINCH's default action is to ignore it: the shell is still there.
        await terminal.WriteAsync("echo still-here\r");
        await screen.WaitForAsync("still-here\r\n", at);
        Assert.Throws<ArgumentOutOfRangeException>(() => vm.OpenTerminal(options: new TerminalOptions { Columns = 100_000 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => vm.OpenTerminal(options: new TerminalOptions { Rows = 0 }));
    }

    [Fact]
    public async Task AFloodOfOutputWithNoReaderBlocksTheWriterAndBuffersNoMore()
    {
        await using var vm = await VmOptions.CreateVmAsync();
        await using var terminal = vm.OpenTerminal("/bin/sh", ["-c", "while true; do echo 0123456789abcdefghijklmnopqrstuvwxyz; done"]);
        var pty = PtyOf(vm);
        await VmOptions.WaitUntilAsync(() => pty.BlockedWriters > 0, "the writer blocked on the full terminal");
        Assert.True(pty.BufferedOutput <= Kernel.Ipc.Pty.OutputCapacity);
        Assert.False(terminal.HasExited);

        // Reading lets it go on; closing the terminal hangs it up and ends it.
        var buffer = new byte[4096];
        Assert.True(await terminal.Output.ReadAsync(buffer) > 0);
        await VmOptions.WaitUntilAsync(() => pty.BlockedWriters > 0, "blocked again");
        Assert.True(pty.BufferedOutput <= Kernel.Ipc.Pty.OutputCapacity);
        terminal.Close();
        var exit = await terminal.WaitAsync();
        Assert.Equal(1, exit.Signal);
    }

    [Fact]
    public async Task MaxPtysRefusesWithEagainNamingTheLimitAndTheUnitComesBack()
    {
        await using var vm = await VmOptions.CreateVmAsync(new ResourceLimits { MaxPtys = 1 });
        var first = vm.OpenTerminal("/bin/sh", ["-c", "echo ready; read x"]);
        var screen = new TerminalScreen(first);
        var refused = Assert.Throws<AgentOsSpawnException>(() => vm.OpenTerminal());
        Assert.Equal(Errno.EAGAIN, refused.Errno);
        Assert.Equal("limits.resources.maxPtys", refused.LimitConfigPath);
        Assert.Contains("limits.resources.maxPtys", refused.Message, StringComparison.Ordinal);

        // Hang up only once the shell is waiting on the terminal (earlier it could read end of file instead).
        await screen.WaitForAsync("ready\r\n");
        first.Close();
        Assert.Equal(1, (await first.WaitAsync()).Signal);
        await VmOptions.WaitUntilAsync(() => vm.LimitUsage.Single(u => u.Limit == LimitNames.Ptys).Current == 0, "the unit released");

        // A program that cannot start gives its unit back at once.
        Assert.Throws<AgentOsSpawnException>(() => vm.OpenTerminal("/no/such/program"));
        await using var second = vm.OpenTerminal("/bin/sh", ["-c", "exit 0"]);
        Assert.Equal(0, (await second.WaitAsync()).ExitCode);
    }

    [Fact]
    public async Task TheShellReadsKeysInRawModeAndRestoresCookedModeForCommands()
    {
        await using var vm = await VmOptions.CreateVmAsync();
        await using var terminal = vm.OpenTerminal();
        var screen = new TerminalScreen(terminal);
        var at = await screen.WaitForAsync(Prompt);
        await VmOptions.WaitUntilAsync(() => terminal.IsRaw, "raw mode at the prompt");

        // In raw mode ^C is a key for the line editor, not a signal: the half-typed line is dropped, the shell stays.
        await terminal.WriteAsync("echo never");
        await screen.WaitForAsync("echo never", at);
        at = screen.Text.Length;
        await terminal.WriteAsync("\x03");
        await screen.WaitForAsync(Prompt, at);
        at = screen.Text.Length;

        // Cursor keys: type, go left twice, insert, run.
        await terminal.WriteAsync("echo ac\x1b[D");
        await terminal.WriteAsync("b\r");
        await screen.WaitForAsync("abc\r\n", at);
        Assert.DoesNotContain("never\r\n", screen.Text, StringComparison.Ordinal);
        Assert.False(terminal.HasExited);
    }

    private static Kernel.Ipc.Pty PtyOf(AgentOsVm vm)
    {
        var process = vm.Kernel.Processes.Get(1)!;
        Assert.Equal(Errno.Success, process.Fds.Get(1, out var file));
        return Assert.IsType<Kernel.Ipc.PtySlave>(file).Pty;
    }
}
