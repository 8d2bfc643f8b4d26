using System.Text;

namespace AgentOs.Tests.Vm;

/// <summary>Reads a terminal's output in the background and lets a test wait for text to appear on it.</summary>
internal sealed class TerminalScreen
{
    private readonly StringBuilder _text = new();
    private readonly object _gate = new();

    public TerminalScreen(AgentOsTerminal terminal)
    {
        Reader = Task.Run(async () =>
        {
            var buffer = new byte[4096];
            var decoder = Encoding.UTF8.GetDecoder();
            var chars = new char[8192];
            int n;
            while ((n = await terminal.Output.ReadAsync(buffer)) > 0)
            {
                var count = decoder.GetChars(buffer, 0, n, chars, 0);
                lock (_gate)
                {
                    _text.Append(chars, 0, count);
                }
            }
        });
    }

    /// <summary>Completes when the output reached end of file.</summary>
    public Task Reader { get; }

    public string Text
    {
        get
        {
            lock (_gate)
            {
                return _text.ToString();
            }
        }
    }

    /// <summary>Everything shown since <paramref name="start"/> (an earlier <see cref="Text"/> length).</summary>
    public string Since(int start) => Text[Math.Min(start, Text.Length)..];

    /// <summary>Waits until the output after <paramref name="start"/> contains <paramref name="expected"/>.</summary>
    public async Task<int> WaitForAsync(string expected, int start = 0, int timeoutMs = 60_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (true)
        {
            var text = Text;
            var at = text.IndexOf(expected, Math.Min(start, text.Length), StringComparison.Ordinal);
            if (at >= 0)
            {
                return at + expected.Length;
            }

            Assert.True(Environment.TickCount64 < deadline, $"Timed out waiting for {Escape(expected)}; the screen shows:\n{Escape(text)}");
            await Task.Delay(10);
        }
    }

    public static string Escape(string text)
    {
        var sb = new StringBuilder();
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '\r' => "\\r",
                '\n' => "\\n\n",
                '\x1b' => "\\e",
                < ' ' => $"^{(char)(c + 64)}",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }
}
