using System.Buffers.Binary;
using System.Text;

namespace AgentOs.Kernel.Tests.Packages;

/// <summary>Encodes BARE primitives for test packages.</summary>
internal sealed class BareWriter
{
    private readonly List<byte> _bytes = [];

    public BareWriter U8(byte value)
    {
        _bytes.Add(value);
        return this;
    }

    public BareWriter U16(ushort value) => Raw(BitConverter.GetBytes(value));

    public BareWriter U32(uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        return Raw(b.ToArray());
    }

    public BareWriter U64(ulong value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, value);
        return Raw(b.ToArray());
    }

    public BareWriter I64(long value) => U64((ulong)value);

    public BareWriter Varint(ulong value)
    {
        do
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            _bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
        return this;
    }

    public BareWriter Str(string value)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(value);
        return Varint((ulong)utf8.Length).Raw(utf8);
    }

    public BareWriter Raw(byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    public byte[] ToArray() => [.. _bytes];
}
