namespace AgentOs.Kernel.Ipc;

/// <summary>
/// Follows the cursor through what a terminal shows (printable characters, CR, LF, BS and the CSI cursor moves) well
/// enough to answer a Device Status Report (<c>ESC [ 6 n</c>) the way a terminal emulator would, for hosts that read
/// a terminal's bytes without emulating one: line editors such as the shell's ask for the cursor position before
/// every prompt and give up when nobody answers. Not thread-safe: the owning <see cref="Pty"/>'s lock guards it.
/// </summary>
internal sealed class CursorTracker
{
    private const byte Escape = 0x1B;
    private const int MaxParameterBytes = 32;

    private readonly List<byte> _parameters = new(MaxParameterBytes);
    private int _state; // 0 text, 1 after ESC, 2 inside CSI, 3 inside another escape (OSC etc.) until BEL/ST

    /// <summary>The cursor row, 1-based.</summary>
    public int Row { get; private set; } = 1;

    /// <summary>The cursor column, 1-based.</summary>
    public int Column { get; private set; } = 1;

    /// <summary>Follows <paramref name="data"/> on a <paramref name="columns"/> × <paramref name="rows"/> screen;
    /// returns how many cursor position queries it contained.</summary>
    public int Feed(ReadOnlySpan<byte> data, int columns, int rows)
    {
        var queries = 0;
        foreach (var b in data)
        {
            switch (_state)
            {
                case 0:
                    Text(b, columns, rows);
                    break;
                case 1:
                    _parameters.Clear();
                    _state = b == (byte)'[' ? 2 : b == (byte)']' ? 3 : 0;
                    break;
                case 2:
                    if (b is >= 0x40 and <= 0x7E)
                    {
                        queries += Control(b, columns, rows) ? 1 : 0;
                        _state = 0;
                    }
                    else if (_parameters.Count < MaxParameterBytes)
                    {
                        _parameters.Add(b);
                    }

                    break;
                default:
                    if (b is 0x07 or Escape)
                    {
                        _state = b == Escape ? 1 : 0;
                    }

                    break;
            }
        }

        return queries;
    }

    private void Text(byte b, int columns, int rows)
    {
        switch (b)
        {
            case Escape:
                _state = 1;
                break;
            case (byte)'\r':
                Column = 1;
                break;
            case (byte)'\n':
                Row = Math.Min(Row + 1, rows);
                break;
            case 0x08:
                Column = Math.Max(1, Column - 1);
                break;
            default:
                // UTF-8 continuation bytes and other control characters do not move the cursor.
                if (b >= 0x20 && (b & 0xC0) != 0x80 && b != 0x7F)
                {
                    if (Column >= columns)
                    {
                        Column = 1;
                        Row = Math.Min(Row + 1, rows);
                    }
                    else
                    {
                        Column++;
                    }
                }

                break;
        }
    }

    // A CSI sequence ended by final; true for a cursor position query (CSI 6 n).
    private bool Control(byte final, int columns, int rows)
    {
        var text = System.Text.Encoding.ASCII.GetString([.. _parameters]);
        var parts = text.TrimStart('?').Split(';');
        int Arg(int index, int fallback) =>
            index < parts.Length && int.TryParse(parts[index], out var v) && v > 0 ? v : fallback;

        switch ((char)final)
        {
            case 'n':
                return text == "6";
            case 'H' or 'f':
                Row = Math.Clamp(Arg(0, 1), 1, rows);
                Column = Math.Clamp(Arg(1, 1), 1, columns);
                break;
            case 'A':
                Row = Math.Max(1, Row - Arg(0, 1));
                break;
            case 'B':
                Row = Math.Min(rows, Row + Arg(0, 1));
                break;
            case 'C':
                Column = Math.Min(columns, Column + Arg(0, 1));
                break;
            case 'D':
                Column = Math.Max(1, Column - Arg(0, 1));
                break;
            case 'G':
                Column = Math.Clamp(Arg(0, 1), 1, columns);
                break;
        }

        return false;
    }
}
