using AgentOs.Kernel.Vfs;

namespace AgentOs.State;

/// <summary>A seekable read-only stream over a snapshot's file (which nothing changes any more).</summary>
internal sealed class InodeReadStream : Stream
{
    private readonly RegularFileInode _file;
    private readonly long _length;
    private long _position;

    public InodeReadStream(RegularFileInode file)
    {
        _file = file;
        _length = file.Length;
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => _position = value;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = _file.Read(_position, buffer[..(int)Math.Min(buffer.Length, Math.Max(0, _length - _position))]);
        _position += read;
        return read;
    }

    public override long Seek(long offset, SeekOrigin origin) => _position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => _length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
