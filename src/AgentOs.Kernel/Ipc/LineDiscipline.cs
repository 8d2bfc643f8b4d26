using AgentOs.Kernel.Net;

namespace AgentOs.Kernel.Ipc;

/// <summary>
/// The terminal line discipline of one <see cref="Pty"/> (Linux n_tty, reduced): the input queue the slave reads,
/// the line being edited in canonical mode (erase ^?/^H, word erase ^W, kill ^U, end of file ^D, ICRNL), echo, and
/// the signal characters (^C SIGINT, ^\ SIGQUIT, ^Z SIGTSTP). Not thread-safe: the owning <see cref="Pty"/>'s lock
/// guards every call. Memory is bounded by <see cref="InputCapacity"/> + <see cref="LineCapacity"/>.
/// </summary>
internal sealed class LineDiscipline
{
    /// <summary>Bytes of input the slave has not read yet (Linux N_TTY_BUF_SIZE).</summary>
    public const int InputCapacity = 4096;

    /// <summary>The longest line canonical mode edits; further characters are dropped until a newline, as Linux does.</summary>
    public const int LineCapacity = 4095;

    private const byte Interrupt = 0x03;
    private const byte Quit = 0x1C;
    private const byte Suspend = 0x1A;
    private const byte EndOfFile = 0x04;
    private const byte Erase = 0x7F;
    private const byte Backspace = 0x08;
    private const byte Kill = 0x15;
    private const byte WordErase = 0x17;

    private readonly ByteRing _input = new(InputCapacity);

    // Canonical mode: lengths of the complete lines in _input, oldest first (0 = an end of file mark), and how much of
    // the oldest one has been read already.
    private readonly Queue<int> _lines = new();
    private readonly byte[] _line = new byte[LineCapacity];
    private int _headConsumed;
    private int _lineLength;

    /// <summary>ICANON: input is edited and read a line at a time.</summary>
    public bool Canonical { get; private set; } = true;

    /// <summary>ECHO: input characters are written back to the output.</summary>
    public bool Echo { get; set; } = true;

    /// <summary>ISIG: ^C, ^\ and ^Z raise signals instead of being input.</summary>
    public bool Signals { get; set; } = true;

    /// <summary>ICRNL: a carriage return is input as a newline.</summary>
    public bool MapCrToNl { get; set; } = true;

    /// <summary>OPOST|ONLCR: a newline written to the terminal is sent as CR LF.</summary>
    public bool OutputCrLf { get; set; } = true;

    /// <summary>Whether <see cref="Read"/> has something (data or an end of file mark) to return.</summary>
    public bool Readable => Canonical ? _lines.Count > 0 : _input.Count > 0;

    /// <summary>Bytes queued for the slave, including the canonical line being edited.</summary>
    public int Buffered => _input.Count + _lineLength;

    /// <summary>cfmakeraw when <paramref name="raw"/> (no ICANON, ECHO, ISIG, ICRNL, OPOST), else the cooked
    /// defaults. Canonical → raw makes the line being edited readable; raw → canonical makes what is queued one line.</summary>
    public void SetRaw(bool raw)
    {
        if (raw && Canonical)
        {
            // ByteRing divides by its buffer size: an empty write must not reach it before the first allocation.
            var pending = Math.Min(_lineLength, _input.Free);
            if (pending > 0)
            {
                _input.Write(_line.AsSpan(0, pending));
            }

            _lineLength = 0;
            _lines.Clear();
            _headConsumed = 0;
        }
        else if (!raw && !Canonical && _input.Count > 0)
        {
            _lines.Clear();
            _lines.Enqueue(_input.Count);
            _headConsumed = 0;
        }

        Canonical = !raw;
        Echo = Signals = MapCrToNl = OutputCrLf = !raw;
    }

    /// <summary>
    /// Takes input for the slave: a canonical line (at most <paramref name="buffer"/>'s length of it) or what raw mode
    /// has queued. False when nothing is readable; true with <paramref name="read"/> 0 for an end of file mark.
    /// </summary>
    public bool Read(Span<byte> buffer, out int read)
    {
        read = 0;
        if (!Readable)
        {
            return false;
        }

        if (!Canonical)
        {
            read = _input.Read(buffer, peek: false);
            return true;
        }

        var remaining = _lines.Peek() - _headConsumed;
        read = _input.Read(buffer[..Math.Min(buffer.Length, remaining)], peek: false);
        _headConsumed += read;
        if (_headConsumed == _lines.Peek())
        {
            _lines.Dequeue();
            _headConsumed = 0;
        }

        return true;
    }

    /// <summary>
    /// Runs bytes typed at the terminal through the discipline. Stops before a byte that needs room the slave has not
    /// made yet (the caller waits and continues), and right after a signal character so that the signal goes out
    /// before later input. Echo goes to <paramref name="echo"/>.
    /// </summary>
    /// <returns>How many bytes of <paramref name="data"/> were consumed.</returns>
    public int Input(ReadOnlySpan<byte> data, List<byte> echo, out int signal)
    {
        signal = 0;
        var consumed = 0;
        foreach (var raw in data)
        {
            var b = MapCrToNl && raw == (byte)'\r' ? (byte)'\n' : raw;
            if (Signals && b is Interrupt or Quit or Suspend)
            {
                // Linux flushes pending input on a signal character (no NOFLSH) and echoes it as ^C.
                _input.Clear();
                _lines.Clear();
                _headConsumed = _lineLength = 0;
                if (Echo)
                {
                    EchoControl(echo, b);
                }

                signal = b == Interrupt ? 2 : b == Quit ? 3 : 20;
                return consumed + 1;
            }

            if (!Canonical)
            {
                if (_input.Free == 0)
                {
                    return consumed;
                }

                _input.Write([b]);
                if (Echo)
                {
                    EchoByte(echo, b);
                }
            }
            else if (!EditLine(b, echo))
            {
                return consumed;
            }

            consumed++;
        }

        return consumed;
    }

    /// <summary>Drops all queued input (hangup, tcflush).</summary>
    public void Flush()
    {
        _input.Clear();
        _lines.Clear();
        _headConsumed = _lineLength = 0;
    }

    /// <summary>Appends <paramref name="data"/> as written to the terminal (ONLCR when enabled) to <paramref name="output"/>.</summary>
    public int TranslateOutput(ReadOnlySpan<byte> data, Span<byte> output, out int consumed)
    {
        var n = 0;
        consumed = 0;
        foreach (var b in data)
        {
            if (OutputCrLf && b == (byte)'\n')
            {
                if (n + 2 > output.Length)
                {
                    break;
                }

                output[n++] = (byte)'\r';
            }
            else if (n + 1 > output.Length)
            {
                break;
            }

            output[n++] = b;
            consumed++;
        }

        return n;
    }

    // One byte of canonical input; false when it needs room in _input that the slave has not made yet.
    private bool EditLine(byte b, List<byte> echo)
    {
        switch (b)
        {
            case Erase or Backspace:
                if (_lineLength > 0)
                {
                    // A whole UTF-8 character: its continuation bytes and its lead byte.
                    do
                    {
                        _lineLength--;
                    }
                    while (_lineLength > 0 && (_line[_lineLength] & 0xC0) == 0x80);
                    EchoErase(echo, 1);
                }

                return true;
            case Kill:
                EchoErase(echo, _lineLength);
                _lineLength = 0;
                return true;
            case WordErase:
                var end = _lineLength;
                while (_lineLength > 0 && _line[_lineLength - 1] == (byte)' ')
                {
                    _lineLength--;
                }

                while (_lineLength > 0 && _line[_lineLength - 1] != (byte)' ')
                {
                    _lineLength--;
                }

                EchoErase(echo, end - _lineLength);
                return true;
            case EndOfFile:
                // ^D ends the line without a newline; on an empty line the reader sees end of file.
                if (_input.Free < _lineLength)
                {
                    return false;
                }

                CommitLine();
                return true;
            case (byte)'\n':
                if (_input.Free < _lineLength + 1)
                {
                    return false;
                }

                _line[_lineLength++] = b;
                CommitLine();
                if (Echo)
                {
                    EchoByte(echo, b);
                }

                return true;
            default:
                if (_lineLength < LineCapacity - 1)
                {
                    _line[_lineLength++] = b;
                    if (Echo)
                    {
                        EchoByte(echo, b);
                    }
                }

                return true;
        }
    }

    private void CommitLine()
    {
        if (_lineLength > 0)
        {
            _input.Write(_line.AsSpan(0, _lineLength));
        }

        _lines.Enqueue(_lineLength);
        _lineLength = 0;
    }

    private void EchoByte(List<byte> echo, byte b)
    {
        if (b == (byte)'\n')
        {
            if (OutputCrLf)
            {
                echo.Add((byte)'\r');
            }

            echo.Add(b);
        }
        else if (b < 0x20 && b != (byte)'\t' && Canonical)
        {
            EchoControl(echo, b);
        }
        else
        {
            echo.Add(b);
        }
    }

    private static void EchoControl(List<byte> echo, byte b)
    {
        echo.Add((byte)'^');
        echo.Add((byte)(b + 0x40));
    }

    private void EchoErase(List<byte> echo, int count)
    {
        if (!Echo)
        {
            return;
        }

        for (var i = 0; i < count; i++)
        {
            echo.AddRange("\b \b"u8);
        }
    }
}
