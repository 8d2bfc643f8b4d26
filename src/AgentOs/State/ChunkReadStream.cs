using System.Buffers.Binary;
using System.Security.Cryptography;

namespace AgentOs.State;

/// <summary>Reads a state's payload chunks back as one stream, adding every byte read to the checksum; ends at
/// the zero-length terminator. A chunk over the maximum is corrupt; a payload past <c>maxBytes</c> is refused.</summary>
internal sealed class ChunkReadStream : ReadOnlyAsyncStream
{
    private readonly Stream _source;
    private readonly IncrementalHash _hash;
    private readonly long _maxBytes;
    private readonly string _limitPath;
    private long _total;
    private int _remaining;
    private bool _ended;

    public ChunkReadStream(Stream source, IncrementalHash hash, long maxBytes, string limitPath)
    {
        _source = source;
        _hash = hash;
        _maxBytes = maxBytes;
        _limitPath = limitPath;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (_remaining == 0)
        {
            if (_ended)
            {
                return 0;
            }

            var length = new byte[4];
            await _source.ReadExactlyAsync(length, cancellationToken).ConfigureAwait(false);
            _hash.AppendData(length);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(length);
            if (size > StateFormat.MaxChunkBytes)
            {
                throw new InvalidDataException($"a payload chunk claims {size} bytes (at most {StateFormat.MaxChunkBytes}).");
            }

            _total += size;
            if (_total > _maxBytes)
            {
                throw new AgentOsStateException($"state: the payload is larger than the VM's filesystem limits allow ({_maxBytes} bytes).", _limitPath);
            }

            _ended = size == 0;
            _remaining = (int)size;
        }

        var read = await _source.ReadAsync(buffer[..Math.Min(buffer.Length, _remaining)], cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            throw new EndOfStreamException("the state ends inside a payload chunk.");
        }

        _hash.AppendData(buffer.Span[..read]);
        _remaining -= read;
        return read;
    }
}
