using System.Globalization;
using System.Text;

namespace AgentOs.State;

/// <summary>
/// Watches the tar stream passing to <see cref="System.Formats.Tar.TarReader"/> and refuses a metadata entry (PAX
/// or GNU long-name header) over <see cref="MaxMetadataBytes"/> as its header block goes by: the reader would
/// otherwise allocate a buffer of whatever size the header claims before reading a byte of it. It follows the
/// entries' sizes (a PAX <c>size</c> record included) to find each header block.
/// </summary>
internal sealed class TarHeaderGuardStream : ReadOnlyAsyncStream
{
    /// <summary>Largest PAX or long-name block accepted.</summary>
    public const int MaxMetadataBytes = 1 << 20;

    private const int BlockSize = 512;

    private readonly Stream _source;
    private readonly byte[] _block = new byte[BlockSize];
    private int _blockFill;
    private long _position;
    private long _nextHeader;
    private MemoryStream? _pax;
    private long _paxEnd;
    private long? _sizeOverride;

    public TarHeaderGuardStream(Stream source) => _source = source;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Observe(buffer.Span[..read]);
        return read;
    }


    private void Observe(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            int take;
            if (_position >= _nextHeader)
            {
                take = Math.Min(bytes.Length, BlockSize - _blockFill);
                bytes[..take].CopyTo(_block.AsSpan(_blockFill));
                _blockFill += take;
                if (_blockFill == BlockSize)
                {
                    _blockFill = 0;
                    Header();
                }
            }
            else
            {
                take = (int)Math.Min(bytes.Length, _nextHeader - _position);
                if (_pax is not null && _position < _paxEnd)
                {
                    _pax.Write(bytes[..(int)Math.Min(take, _paxEnd - _position)]);
                    if (_position + take >= _paxEnd)
                    {
                        _sizeOverride = PaxSize(_pax.ToArray());
                        _pax = null;
                    }
                }
            }

            _position += take;
            bytes = bytes[take..];
        }
    }

    /// <summary>A complete header block (ending at <see cref="_position"/> + the bytes just taken): where the next
    /// one starts.</summary>
    private void Header()
    {
        var blockStart = _nextHeader;
        if (!_block.AsSpan().ContainsAnyExcept((byte)0))
        {
            _nextHeader = blockStart + BlockSize;
            return;
        }

        var type = (char)_block[156];
        var size = Size(_block.AsSpan(124, 12));
        if (type is 'x' or 'g' or 'L' or 'K')
        {
            if (size > MaxMetadataBytes)
            {
                throw new AgentOsStateException($"state: a tar metadata header claims {size} bytes (at most {MaxMetadataBytes}).");
            }

            if (type == 'x')
            {
                _pax = size > 0 ? new MemoryStream() : null;
                _paxEnd = blockStart + BlockSize + size;
                _sizeOverride = null;
            }
        }
        else if (_sizeOverride is { } overridden)
        {
            size = overridden;
            _sizeOverride = null;
        }

        // Entries without data (links, directories, devices) may still carry a size field; tar readers skip it too.
        _nextHeader = blockStart + BlockSize + ((size + BlockSize - 1) / BlockSize * BlockSize);
    }

    /// <summary>The octal (or base-256) size field.</summary>
    private static long Size(ReadOnlySpan<byte> field)
    {
        if ((field[0] & 0x80) != 0)
        {
            long value = field[0] & 0x7F;
            foreach (var b in field[1..])
            {
                value = checked((value << 8) | b);
            }

            return value;
        }

        var text = Encoding.ASCII.GetString(field).Trim('\0', ' ');
        return text.Length == 0 ? 0 : Convert.ToInt64(text, 8);
    }

    /// <summary>The <c>size</c> record of a PAX block, if any.</summary>
    private static long? PaxSize(byte[] records)
    {
        foreach (var line in Encoding.UTF8.GetString(records).Split('\n'))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0 && line.AsSpan(space + 1).StartsWith("size=", StringComparison.Ordinal)
                && long.TryParse(line.AsSpan(space + 6), NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            {
                return size;
            }
        }

        return null;
    }
}
