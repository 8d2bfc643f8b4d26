using System.Diagnostics;

namespace AgentOs.Cli.Tests;

/// <summary>
/// <c>agentos sh</c> on a real pseudo-terminal of the host: tmux (Debian's <c>tmux</c>) runs the CLI in a detached
/// session, which is a terminal emulator that answers the shell's queries, takes keys and shows the screen.
/// </summary>
public sealed class TerminalShellTests : IDisposable
{
    private readonly string _socket = "agentos-test-" + Guid.NewGuid().ToString("N")[..12];
    private readonly TempDirectory _dir = new();

    [TmuxFact]
    public async Task AgentosShOnATerminalIsInteractiveAndRestoresTheTerminal()
    {
        await StartAsync("");

        await WaitForScreenAsync(":/workspace$");
        await KeysAsync("echo hi-$((2+3)) cols=$COLUMNS", "Enter");
        await WaitForScreenAsync("hi-5 cols=100");

        // ^C reaches the guest's foreground job, not the CLI; the shell prompts again.
        await KeysAsync("echo started; sleep 100", "Enter");
        await WaitForScreenAsync("\nstarted");
        await Task.Delay(300); // let the shell spawn sleep after printing
        await KeysAsync("C-c");
        await KeysAsync("echo st=$?", "Enter");
        await WaitForScreenAsync("st=130");

        // History: the up arrow brings the last command back.
        await KeysAsync("Up", "Enter");
        await WaitForScreenAsync("st=0");

        await KeysAsync("exit 5", "Enter");
        Assert.Equal("rc=5", await WaitForFileAsync("rc"));
        Assert.Equal(await WaitForFileAsync("before"), await WaitForFileAsync("after"));
    }

    [TmuxFact]
    public async Task SigtermToTheCliEndsTheSessionAndRestoresTheTerminal()
    {
        await StartAsync("echo \\$\\$ > " + Path("pid") + "; exec ");

        await WaitForScreenAsync(":/workspace$");
        var pid = int.Parse(await WaitForFileAsync("pid"), System.Globalization.CultureInfo.InvariantCulture);
        using (var kill = Process.Start("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        Assert.Equal("rc=143", await WaitForFileAsync("rc"));
        Assert.Equal(await WaitForFileAsync("before"), await WaitForFileAsync("after"));
    }

    public void Dispose()
    {
        _ = Tmux("kill-server").GetAwaiter().GetResult();
        _dir.Dispose();
    }

    // Starts the CLI in a 100×30 tmux session between two `stty -g` snapshots of its terminal.
    private async Task StartAsync(string beforeCli)
    {
        Assert.True(TmuxFactAttribute.Available, "tmux is not installed (AGENTOS_REQUIRE_TMUX is set)");

        var cli = $"env AGENTOS_CACHE_DIR='{CliRunner.CacheDirectory}' DOTNET_NOLOGO=1 '{CliRunner.DotnetHost()}' '{CliRunner.CliDll}' sh";
        var script = $"stty -g > {Path("before")}; sh -c \"{beforeCli}{cli.Replace("\"", "\\\"", StringComparison.Ordinal)}\"; echo rc=$? > {Path("rc")}; stty -g > {Path("after")}; sleep 600";
        var (code, output) = await Tmux("new-session", "-d", "-x", "100", "-y", "30", script);
        Assert.True(code == 0, output);
    }

    private string Path(string name) => System.IO.Path.Combine(_dir.Path, name);

    private async Task KeysAsync(params string[] keys)
    {
        var (code, output) = await Tmux(["send-keys", .. keys]);
        Assert.True(code == 0, output);
    }

    private async Task WaitForScreenAsync(string text)
    {
        var deadline = Environment.TickCount64 + 60_000;
        while (true)
        {
            var (_, screen) = await Tmux("capture-pane", "-p");
            if (screen.Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            Assert.True(Environment.TickCount64 < deadline, $"Timed out waiting for '{text}'; the screen shows:\n{screen}");
            await Task.Delay(50);
        }
    }

    private async Task<string> WaitForFileAsync(string name)
    {
        var deadline = Environment.TickCount64 + 60_000;
        while (true)
        {
            if (File.Exists(Path(name)))
            {
                var text = (await File.ReadAllTextAsync(Path(name))).Trim();
                if (text.Length > 0)
                {
                    return text;
                }
            }

            var (_, screen) = await Tmux("capture-pane", "-p");
            Assert.True(Environment.TickCount64 < deadline, $"Timed out waiting for {name}; the screen shows:\n{screen}");
            await Task.Delay(50);
        }
    }

    private async Task<(int Code, string Output)> Tmux(params string[] args)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-L");
        start.ArgumentList.Add(_socket);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
