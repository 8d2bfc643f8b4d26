namespace AgentOs.State;

/// <summary>Passes reads through until <c>maxBytes</c> have been read, then refuses: a decompressed payload cannot
/// grow past what the limits admit (a gzip bomb).</summary>
internal sealed class BoundedReadStream : Stream
{
    private readonly Stream _source;
    private readonly long _maxBytes;
    private readonly string _limitPath;
    private long _total;

    public BoundedReadStream(Stream source, long maxBytes, string limitPath)
    {
        _source = source;
        _maxBytes = maxBytes;
        _limitPath = limitPath;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        _total += read;
        return _total <= _maxBytes
            ? read
            : throw new AgentOsStateException($"state: the filesystem archive is larger than the VM's filesystem limits allow ({_maxBytes} bytes).", _limitPath);
    }

    /// <summary>Reads whatever is left.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 << 10];
        while (await ReadAsync(buffer, cancellationToken).ConfigureAwait(false) > 0)
        {
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
