using System.Text;
using AgentOs.Kernel.Ipc;
using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Threading;

namespace AgentOs.Kernel.Tests.Ipc;

public sealed class PtyTests
{
    private readonly LimitGauge _ptys = new LimitRegistry("t").Register(LimitNames.Ptys, LimitCategory.Resource, 2, "limits.resources.maxPtys");
    private readonly List<(int Group, int Signal, int Spared)> _signals = [];

    [Fact]
    public void PairsAreCountedAndRefusedWithEagainPastTheCap()
    {
        var a = Create();
        var b = Create();
        Assert.Equal(Errno.EAGAIN, Pty.TryCreate(_ptys, 80, 24, OnSignal, out _));
        Assert.Equal(2, _ptys.Current);

        // The unit comes back only when both sides are closed, in either order.
        a.CloseMaster();
        Assert.Equal(2, _ptys.Current);
        a.CloseSlave();
        Assert.Equal(1, _ptys.Current);
        b.CloseSlave();
        b.CloseMaster();
        b.CloseMaster();
        Assert.Equal(0, _ptys.Current);
        Assert.Equal(Errno.Success, Pty.TryCreate(_ptys, 80, 24, OnSignal, out _));
    }

    [Theory]
    [InlineData(0, 24)]
    [InlineData(80, 0)]
    [InlineData(100_000, 24)]
    [InlineData(80, -1)]
    public void AbsurdSizesAreRefusedAndNothingIsCounted(int columns, int rows)
    {
        Assert.Equal(Errno.EINVAL, Pty.TryCreate(_ptys, columns, rows, OnSignal, out _));
        Assert.Equal(0, _ptys.Current);
        var pty = Create();
        Assert.Equal(Errno.EINVAL, pty.Resize(columns, rows));
        Assert.Equal(80, pty.Columns);
    }

    [Fact]
    public async Task TypedLinesReachTheSlaveAndOutputReachesTheMasterWithCrLf()
    {
        var pty = Create();
        Assert.Equal(Errno.Success, await pty.WriteInputAsync("ls -l\r"u8.ToArray(), default));
        var buffer = new byte[64];
        Assert.Equal(Errno.Success, pty.SlaveRead(buffer, false, WaitContext.Unbounded, out var read));
        Assert.Equal("ls -l\n", Encoding.ASCII.GetString(buffer, 0, read));

        Assert.Equal(Errno.Success, pty.SlaveWrite("one\ntwo\n"u8, false, WaitContext.Unbounded, out var written));
        Assert.Equal(8, written);
        Assert.Equal("ls -l\r\none\r\ntwo\r\n", await ReadOutputAsync(pty));
    }

    [Fact]
    public async Task SignalCharactersGoToTheForegroundGroupSparingTheLineEditor()
    {
        var pty = Create();
        pty.SetControlling(sessionId: 7, foregroundGroup: 7);
        await pty.WriteInputAsync("\x03"u8.ToArray(), default);
        Assert.Equal((7, 2, 0), _signals.Single());

        pty.SetRaw(true, editor: 7);
        pty.SetRaw(false, editor: 7);
        await pty.WriteInputAsync("\x1c\x1a"u8.ToArray(), default);
        Assert.Equal([(7, 3, 7), (7, 20, 7)], _signals.Skip(1));

        Assert.Equal(Errno.ENOTTY, pty.SetForeground(sessionId: 8, group: 9));
        Assert.Equal(Errno.Success, pty.SetForeground(sessionId: 7, group: 9));
        Assert.Equal(Errno.Success, pty.Resize(100, 30));
        Assert.Equal(Errno.Success, pty.Resize(100, 30));
        Assert.Equal((9, 28, 0), _signals.Last());
        Assert.Equal(4, _signals.Count);
    }

    [Fact]
    public void AWriterIntoAnUnreadTerminalBlocksAndTheBufferNeverGrows()
    {
        var pty = Create();
        var chunk = new byte[4096];
        var total = 0;
        Errno errno;
        while ((errno = pty.SlaveWrite(chunk, nonBlocking: true, WaitContext.Unbounded, out var written)) == Errno.Success)
        {
            total += written;
            Assert.True(total <= Pty.OutputCapacity);
        }

        Assert.Equal(Errno.EAGAIN, errno);
        Assert.Equal(Pty.OutputCapacity, pty.BufferedOutput);

        // A blocking writer waits; its deadline ends the wait with nothing lost or added.
        Assert.Equal(Errno.ETIMEDOUT, pty.SlaveWrite(chunk, false, new WaitContext(CancellationToken.None, 50), out _));
        Assert.Equal(Pty.OutputCapacity, pty.BufferedOutput);
    }

    [Fact]
    public async Task TypingFasterThanTheGuestReadsWaitsForRoom()
    {
        var pty = Create();
        pty.SetRaw(true);
        var data = new byte[LineDiscipline.InputCapacity * 3];
        var typing = pty.WriteInputAsync(data, default).AsTask();
        var buffer = new byte[1024];
        var received = 0;
        while (received < data.Length)
        {
            Assert.True(pty.BufferedInput <= LineDiscipline.InputCapacity);
            Assert.Equal(Errno.Success, pty.SlaveRead(buffer, false, WaitContext.Unbounded, out var read));
            received += read;
        }

        Assert.Equal(Errno.Success, await typing);
    }

    [Fact]
    public async Task HangupEndsSlaveReadsAndFailsWritesAndSignalsTheForegroundGroup()
    {
        var pty = Create();
        pty.SetControlling(3, 3);
        var reader = Task.Run(() => pty.SlaveRead(new byte[8], false, WaitContext.Unbounded, out var read) == Errno.Success ? read : -1);
        pty.CloseMaster();
        Assert.Equal(0, await reader);
        Assert.Equal(Errno.EIO, pty.SlaveWrite("x"u8, false, WaitContext.Unbounded, out _));
        Assert.Contains((3, 1, 0), _signals);
        Assert.Equal(Errno.EIO, await pty.WriteInputAsync("x"u8.ToArray(), default));
    }

    [Fact]
    public async Task TheMasterReadsEndOfFileOnceTheSlaveClosed()
    {
        var pty = Create();
        pty.SlaveWrite("bye"u8, false, WaitContext.Unbounded, out _);
        pty.CloseSlave();
        Assert.Equal("bye", await ReadOutputAsync(pty));
        Assert.Equal(Errno.EIO, await pty.WriteInputAsync("x"u8.ToArray(), default));
    }

    [Fact]
    public async Task CursorPositionQueriesAreAnsweredFromTheFollowedCursorWhenAsked()
    {
        var pty = Create();
        pty.SetRaw(true);
        pty.AnswerCursorQueries = true;
        pty.SlaveWrite("\r\nab\x1b[6n"u8, false, WaitContext.Unbounded, out _);
        var buffer = new byte[32];
        Assert.Equal(Errno.Success, pty.SlaveRead(buffer, false, new WaitContext(CancellationToken.None, 5000), out var read));
        Assert.Equal("\x1b[2;3R", Encoding.ASCII.GetString(buffer, 0, read));

        pty.AnswerCursorQueries = false;
        pty.SlaveWrite("\x1b[6n"u8, false, WaitContext.Unbounded, out _);
        Assert.Equal(Errno.EAGAIN, pty.SlaveRead(buffer, true, WaitContext.Unbounded, out _));
        await Task.CompletedTask;
    }

    private static async Task<string> ReadOutputAsync(Pty pty)
    {
        var sb = new StringBuilder();
        var buffer = new byte[256];
        while (pty.BufferedOutput > 0 || sb.Length == 0)
        {
            var n = await pty.ReadOutputAsync(buffer, default);
            if (n == 0)
            {
                break;
            }

            sb.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }

        return sb.ToString();
    }

    private Pty Create()
    {
        Assert.Equal(Errno.Success, Pty.TryCreate(_ptys, 80, 24, OnSignal, out var pty));
        return pty;
    }

    private void OnSignal(int group, int signal, int spared)
    {
        lock (_signals)
        {
            _signals.Add((group, signal, spared));
        }
    }
}
