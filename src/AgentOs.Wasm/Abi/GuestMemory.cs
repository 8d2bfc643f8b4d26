using System.Buffers.Binary;
using System.Text;

namespace AgentOs.Wasm.Abi;

/// <summary>
/// Bounds-checked view of a guest's linear memory for the duration of one host call. Guest pointers and lengths
/// are hostile: every access is validated against the memory's current length and fails (→ EFAULT) instead of
/// reading or writing outside it. The view must not outlive the call: memory may move when the guest grows it.
/// </summary>
internal readonly unsafe ref struct GuestMemory
{
    private readonly byte* _base;
    private readonly long _length;

    public GuestMemory(Wasmtime.Memory memory)
    {
        _base = (byte*)memory.GetPointer();
        _length = memory.GetLength();
    }

    /// <summary>Current size of the memory in bytes.</summary>
    public long Length => _length;

    /// <summary>A span of <paramref name="length"/> bytes at guest address <paramref name="address"/>.</summary>
    public bool TrySlice(int address, int length, out Span<byte> span)
    {
        var start = (uint)address;
        var count = (uint)length;
        if ((ulong)start + count > (ulong)_length)
        {
            span = default;
            return false;
        }

        span = new Span<byte>(_base + start, (int)Math.Min(count, int.MaxValue));
        return count <= int.MaxValue;
    }

    /// <summary>Whether <paramref name="length"/> bytes at <paramref name="address"/> lie inside memory.</summary>
    public bool IsValid(int address, long length) => (ulong)(uint)address + (ulong)length <= (ulong)_length && length >= 0;

    public bool TryReadU32(int address, out uint value)
    {
        if (!IsValid(address, 4))
        {
            value = 0;
            return false;
        }

        value = BinaryPrimitives.ReadUInt32LittleEndian(new ReadOnlySpan<byte>(_base + (uint)address, 4));
        return true;
    }

    public bool TryReadU64(int address, out ulong value)
    {
        if (!IsValid(address, 8))
        {
            value = 0;
            return false;
        }

        value = BinaryPrimitives.ReadUInt64LittleEndian(new ReadOnlySpan<byte>(_base + (uint)address, 8));
        return true;
    }

    public bool TryWriteU8(int address, byte value)
    {
        if (!IsValid(address, 1))
        {
            return false;
        }

        _base[(uint)address] = value;
        return true;
    }

    public bool TryWriteU16(int address, ushort value)
    {
        if (!IsValid(address, 2))
        {
            return false;
        }

        BinaryPrimitives.WriteUInt16LittleEndian(new Span<byte>(_base + (uint)address, 2), value);
        return true;
    }

    public bool TryWriteU32(int address, uint value)
    {
        if (!IsValid(address, 4))
        {
            return false;
        }

        BinaryPrimitives.WriteUInt32LittleEndian(new Span<byte>(_base + (uint)address, 4), value);
        return true;
    }

    public bool TryWriteU64(int address, ulong value)
    {
        if (!IsValid(address, 8))
        {
            return false;
        }

        BinaryPrimitives.WriteUInt64LittleEndian(new Span<byte>(_base + (uint)address, 8), value);
        return true;
    }

    /// <summary>Decodes a UTF-8 (ptr, len) string; invalid UTF-8 is replaced, as paths from Rust std are UTF-8.</summary>
    public bool TryReadString(int address, int length, out string value)
    {
        if (length < 0 || !TrySlice(address, length, out var span))
        {
            value = string.Empty;
            return false;
        }

        value = Encoding.UTF8.GetString(span);
        return true;
    }

    /// <summary>
    /// Reads a preview1 iovec array (8-byte {ptr, len} records) and checks every buffer, so that no byte moves
    /// unless the whole request is addressable. Returns the total length.
    /// </summary>
    public bool TryReadIovecs(int iovs, int count, Span<Iovec> destination, out long total)
    {
        total = 0;
        if (count < 0 || count > destination.Length || !TrySlice(iovs, count * 8, out var raw))
        {
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            var ptr = (int)BinaryPrimitives.ReadUInt32LittleEndian(raw[(i * 8)..]);
            var len = (int)BinaryPrimitives.ReadUInt32LittleEndian(raw[(i * 8 + 4)..]);
            if (len < 0 || !IsValid(ptr, len))
            {
                return false;
            }

            destination[i] = new Iovec(ptr, len);
            total += len;
        }

        return true;
    }

    /// <summary>The span of one validated iovec.</summary>
    public Span<byte> Buffer(Iovec iovec) => new(_base + (uint)iovec.Address, iovec.Length);

    /// <summary>Copies a struct-shaped byte image into memory.</summary>
    public bool TryWrite(int address, ReadOnlySpan<byte> bytes)
    {
        if (!TrySlice(address, bytes.Length, out var span))
        {
            return false;
        }

        bytes.CopyTo(span);
        return true;
    }
}
