namespace AgentOs.State;

/// <summary>Passes reads through until <c>maxBytes</c> have been read, then refuses: a decompressed payload cannot
/// grow past what the limits admit (a gzip bomb).</summary>
internal sealed class BoundedReadStream : ReadOnlyAsyncStream
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

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        _total += read;
        return _total <= _maxBytes
            ? read
            : throw new AgentOsStateException($"state: the filesystem archive is larger than the VM's filesystem limits allow ({_maxBytes} bytes).", _limitPath);
    }
}
