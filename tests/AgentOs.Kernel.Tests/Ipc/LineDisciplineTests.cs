using System.Text;
using AgentOs.Kernel.Ipc;

namespace AgentOs.Kernel.Tests.Ipc;

public sealed class LineDisciplineTests
{
    private readonly LineDiscipline _ld = new();
    private readonly List<byte> _echo = [];

    [Fact]
    public void CanonicalModeDeliversWholeLinesWithEraseAndKillApplied()
    {
        Type("ab\u007fc\r");
        Assert.Equal("ac\n", ReadAll());
        Assert.Equal("ab\b \bc\r\n", Echoed());

        Type("junk\x15ok\n");
        Assert.Equal("ok\n", ReadAll());
    }

    [Fact]
    public void NothingIsReadableUntilTheLineEnds()
    {
        Type("partial");
        Assert.False(_ld.Readable);
        Assert.False(_ld.Read(new byte[16], out _));
        Type("\r");
        Assert.True(_ld.Readable);
    }

    [Fact]
    public void EraseRemovesAWholeUtf8Character()
    {
        Type("xé\x7f\r");
        Assert.Equal("x\n", ReadAll());
    }

    [Fact]
    public void WordEraseRemovesTheLastWord()
    {
        Type("one two\x17three\r");
        Assert.Equal("one three\n", ReadAll());
    }

    [Fact]
    public void CtrlDOnAnEmptyLineIsEndOfFileAndEndsAPartialLineWithoutNewline()
    {
        Type("abc\x04");
        Assert.Equal("abc", ReadOnce());
        Type("\x04");
        Assert.True(_ld.Read(new byte[16], out var read));
        Assert.Equal(0, read);
    }

    [Theory]
    [InlineData("\x03", 2)]
    [InlineData("\x1c", 3)]
    [InlineData("\x1a", 20)]
    public void SignalCharactersRaiseTheirSignalAndFlushInput(string key, int signal)
    {
        Type("pending line\rhalf");
        var consumed = _ld.Input(Encoding.ASCII.GetBytes(key + "after"), _echo, out var raised);
        Assert.Equal(1, consumed);
        Assert.Equal(signal, raised);
        Assert.Equal(0, _ld.Buffered);
        Assert.EndsWith("^" + (char)(key[0] + 64), Echoed());
    }

    [Fact]
    public void RawModePassesEveryByteWithoutEchoSignalsOrTranslation()
    {
        _ld.SetRaw(true);
        Assert.False(_ld.Canonical);
        Type("a\x03\r\x1b[A");
        Assert.Equal("a\x03\r\x1b[A", ReadAll());
        Assert.Empty(_echo);

        var output = new byte[8];
        var n = _ld.TranslateOutput("x\ny"u8, output, out _);
        Assert.Equal("x\ny", Encoding.ASCII.GetString(output, 0, n));
    }

    [Fact]
    public void CookedOutputTurnsNewlineIntoCrLf()
    {
        var output = new byte[8];
        var n = _ld.TranslateOutput("x\ny"u8, output, out var consumed);
        Assert.Equal("x\r\ny", Encoding.ASCII.GetString(output, 0, n));
        Assert.Equal(3, consumed);
    }

    [Fact]
    public void SwitchingToRawMakesTheEditedLineReadable()
    {
        Type("half");
        _ld.SetRaw(true);
        Assert.Equal("half", ReadAll());
        _ld.SetRaw(false);
        Assert.True(_ld.Canonical);
        Assert.True(_ld.Echo);
    }

    [Fact]
    public void RawInputStopsAtCapacityAndContinuesAfterARead()
    {
        _ld.SetRaw(true);
        var data = new byte[LineDiscipline.InputCapacity + 100];
        var consumed = _ld.Input(data, _echo, out _);
        Assert.Equal(LineDiscipline.InputCapacity, consumed);
        Assert.Equal(0, _ld.Input(data.AsSpan(consumed), _echo, out _));
        Assert.True(_ld.Read(new byte[100], out var read));
        Assert.Equal(100, read);
        Assert.Equal(100, _ld.Input(data.AsSpan(consumed), _echo, out _));
    }

    [Fact]
    public void ACanonicalLineLongerThanTheLineBufferIsCutAsLinuxDoes()
    {
        Type(new string('x', LineDiscipline.LineCapacity + 50) + "\r");
        var line = ReadAll();
        Assert.Equal(LineDiscipline.LineCapacity, line.Length);
        Assert.EndsWith("x\n", line);
    }

    private void Type(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Assert.Equal(bytes.Length, _ld.Input(bytes, _echo, out var signal));
        Assert.Equal(0, signal);
    }

    private string ReadOnce()
    {
        var buffer = new byte[8192];
        Assert.True(_ld.Read(buffer, out var read));
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    private string ReadAll()
    {
        var sb = new StringBuilder();
        var buffer = new byte[8192];
        while (_ld.Read(buffer, out var read) && read > 0)
        {
            sb.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        return sb.ToString();
    }

    private string Echoed() => Encoding.UTF8.GetString([.. _echo]);
}
