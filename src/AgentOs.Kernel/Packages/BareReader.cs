using System.Buffers.Binary;
using System.Text;
using System.Text.Unicode;

namespace AgentOs.Kernel.Packages;

/// <summary>
/// Decodes BARE primitives (spec §1.3) from one chunk. Every read is bounds-checked against the chunk and returns
/// false with <see cref="Error"/> set instead of throwing; lengths are checked against the remaining bytes before
/// anything is allocated, so a hostile length field can never cause a large allocation.
/// </summary>
internal ref struct BareReader(ReadOnlySpan<byte> data)
{
    private const int MaxVarintBytes = 10;

    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public readonly int Position => _position;

    public readonly int Remaining => _data.Length - _position;

    public string? Error { get; private set; }

    public bool Fail(string message)
    {
        Error ??= message;
        return false;
    }

    public bool U8(string what, out byte value)
    {
        value = 0;
        if (Remaining < 1)
        {
            return Truncated(what);
        }

        value = _data[_position++];
        return true;
    }

    public bool Bool(string what, out bool value)
    {
        value = false;
        if (!U8(what, out byte b))
        {
            return false;
        }

        if (b > 1)
        {
            return Fail($"{what}: invalid bool byte {b}");
        }

        value = b == 1;
        return true;
    }

    /// <summary>Reads an <c>optional&lt;T&gt;</c> tag: 0 absent, 1 present, anything else is malformed.</summary>
    public bool Optional(string what, out bool present)
    {
        present = false;
        if (!U8(what, out byte tag))
        {
            return false;
        }

        if (tag > 1)
        {
            return Fail($"{what}: invalid optional tag {tag}");
        }

        present = tag == 1;
        return true;
    }

    public bool U16(string what, out ushort value)
    {
        value = 0;
        if (Remaining < 2)
        {
            return Truncated(what);
        }

        value = BinaryPrimitives.ReadUInt16LittleEndian(_data[_position..]);
        _position += 2;
        return true;
    }

    public bool U32(string what, out uint value)
    {
        value = 0;
        if (Remaining < 4)
        {
            return Truncated(what);
        }

        value = BinaryPrimitives.ReadUInt32LittleEndian(_data[_position..]);
        _position += 4;
        return true;
    }

    public bool U64(string what, out ulong value)
    {
        value = 0;
        if (Remaining < 8)
        {
            return Truncated(what);
        }

        value = BinaryPrimitives.ReadUInt64LittleEndian(_data[_position..]);
        _position += 8;
        return true;
    }

    public bool I64(string what, out long value)
    {
        value = 0;
        if (Remaining < 8)
        {
            return Truncated(what);
        }

        value = BinaryPrimitives.ReadInt64LittleEndian(_data[_position..]);
        _position += 8;
        return true;
    }

    /// <summary>Unsigned LEB128, at most 10 bytes and at most 64 bits of value.</summary>
    public bool Varint(string what, out ulong value)
    {
        value = 0;
        for (int i = 0; i < MaxVarintBytes; i++)
        {
            if (Remaining < 1)
            {
                return Truncated(what);
            }

            byte b = _data[_position++];
            if (i == MaxVarintBytes - 1 && b > 1)
            {
                return Fail($"{what}: varint overflows 64 bits");
            }

            value |= (ulong)(b & 0x7F) << (7 * i);
            if (b < 0x80)
            {
                return true;
            }
        }

        return Fail($"{what}: varint longer than {MaxVarintBytes} bytes");
    }

    /// <summary>
    /// Reads a list/map/string length and checks that <paramref name="minItemBytes"/> per item still fit in the chunk.
    /// </summary>
    public bool Length(string what, int minItemBytes, out int count)
    {
        count = 0;
        if (!Varint(what, out ulong raw))
        {
            return false;
        }

        if (raw > (ulong)Remaining / (ulong)minItemBytes)
        {
            return Fail($"{what}: length {raw} exceeds the {Remaining} bytes left in the chunk");
        }

        count = (int)raw;
        return true;
    }

    /// <summary>Reads a <c>str</c> and returns where its UTF-8 bytes lie in the chunk.</summary>
    public bool StringRange(string what, out int start, out int length)
    {
        start = 0;
        if (!Length(what, 1, out length))
        {
            return false;
        }

        ReadOnlySpan<byte> bytes = _data.Slice(_position, length);
        if (!Utf8.IsValid(bytes))
        {
            return Fail($"{what}: string is not valid UTF-8");
        }

        if (bytes.Contains((byte)0))
        {
            return Fail($"{what}: string contains a NUL byte");
        }

        start = _position;
        _position += length;
        return true;
    }

    public bool String(string what, out string value)
    {
        value = string.Empty;
        if (!StringRange(what, out int start, out int length))
        {
            return false;
        }

        value = Encoding.UTF8.GetString(_data.Slice(start, length));
        return true;
    }

    /// <summary>Reads a <c>map&lt;str&gt;&lt;str&gt;</c>, validating and discarding it.</summary>
    public bool SkipStringMap(string what)
    {
        if (!Length(what, 2, out int count))
        {
            return false;
        }

        for (int i = 0; i < count; i++)
        {
            if (!StringRange(what, out _, out _) || !StringRange(what, out _, out _))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads a <c>list&lt;str&gt;</c>, validating and discarding it.</summary>
    public bool SkipStringList(string what)
    {
        if (!Length(what, 1, out int count))
        {
            return false;
        }

        for (int i = 0; i < count; i++)
        {
            if (!StringRange(what, out _, out _))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The root value must consume its chunk exactly.</summary>
    public bool End(string what) =>
        Remaining == 0 || Fail($"{what}: {Remaining} trailing bytes after the encoded value");

    private bool Truncated(string what) => Fail($"{what}: truncated (chunk ends at byte {_data.Length})");
}
