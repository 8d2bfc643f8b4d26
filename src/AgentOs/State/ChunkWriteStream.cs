using System.Buffers.Binary;
using System.Security.Cryptography;

namespace AgentOs.State;

/// <summary>Frames what is written into the state's payload chunks (length, bytes), adding every byte sent to the
/// destination to the checksum. <see cref="FinishAsync"/> writes the last chunk and the terminator.</summary>
internal sealed class ChunkWriteStream : Stream
{
    private readonly Stream _destination;
    private readonly IncrementalHash _hash;
    private readonly byte[] _buffer = new byte[StateFormat.MaxChunkBytes];
    private int _buffered;

    public ChunkWriteStream(Stream destination, IncrementalHash hash)
    {
        _destination = destination;
        _hash = hash;
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            var count = Math.Min(buffer.Length, _buffer.Length - _buffered);
            buffer[..count].CopyTo(_buffer.AsMemory(_buffered));
            _buffered += count;
            buffer = buffer[count..];
            if (_buffered == _buffer.Length)
            {
                await WriteChunkAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Writes what is buffered and the zero-length terminator.</summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        await WriteChunkAsync(cancellationToken).ConfigureAwait(false);
        var terminator = new byte[4];
        _hash.AppendData(terminator);
        await _destination.WriteAsync(terminator, cancellationToken).ConfigureAwait(false);
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private async Task WriteChunkAsync(CancellationToken cancellationToken)
    {
        if (_buffered == 0)
        {
            return;
        }

        var length = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)_buffered);
        _hash.AppendData(length);
        _hash.AppendData(_buffer, 0, _buffered);
        await _destination.WriteAsync(length, cancellationToken).ConfigureAwait(false);
        await _destination.WriteAsync(_buffer.AsMemory(0, _buffered), cancellationToken).ConfigureAwait(false);
        _buffered = 0;
    }
}
