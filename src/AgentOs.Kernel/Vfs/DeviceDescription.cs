using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Threading;

namespace AgentOs.Kernel.Vfs;

/// <summary>An open memory character device: null (EOF, discards), zero (zeros, discards), full (zeros, ENOSPC on
/// write), random/urandom (cryptographic random bytes, writes discarded). Never blocks; seeking succeeds at 0.</summary>
internal sealed class DeviceDescription : FileDescription
{
    private readonly VirtualFileSystem _fileSystem;
    private readonly DeviceInode _inode;

    public DeviceDescription(VirtualFileSystem fileSystem, DeviceInode inode, OpenFlags flags)
        : base(flags)
    {
        _fileSystem = fileSystem;
        _inode = inode;
    }

    /// <inheritdoc/>
    public override FileType FileType => FileType.CharacterDevice;

    /// <inheritdoc/>
    public override Errno Seek(long offset, SeekWhence whence, out long position)
    {
        position = 0;
        return Errno.Success;
    }

    /// <inheritdoc/>
    public override Errno Stat(out StatInfo stat)
    {
        stat = _inode.Stat();
        return Errno.Success;
    }

    /// <inheritdoc/>
    protected override Errno ReadCore(Span<byte> buffer, in WaitContext wait, out int read) => Fill(buffer, out read);

    /// <inheritdoc/>
    protected override Errno WriteCore(ReadOnlySpan<byte> buffer, in WaitContext wait, out int written) => Sink(buffer, out written);

    /// <inheritdoc/>
    protected override Errno PReadCore(Span<byte> buffer, long offset, out int read) => Fill(buffer, out read);

    /// <inheritdoc/>
    protected override Errno PWriteCore(ReadOnlySpan<byte> buffer, long offset, out int written) => Sink(buffer, out written);

    /// <inheritdoc/>
    protected override void OnLastClose() => _fileSystem.Unpin(_inode);

    private Errno Fill(Span<byte> buffer, out int read)
    {
        switch (_inode.Device)
        {
            case CharDevice.Null:
                read = 0;
                break;
            case CharDevice.Random or CharDevice.URandom:
                EntropySource.Fill(buffer);
                read = buffer.Length;
                break;
            default:
                buffer.Clear();
                read = buffer.Length;
                break;
        }

        return Errno.Success;
    }

    private Errno Sink(ReadOnlySpan<byte> buffer, out int written)
    {
        if (_inode.Device == CharDevice.Full && !buffer.IsEmpty)
        {
            written = 0;
            return Errno.ENOSPC;
        }

        written = buffer.Length;
        return Errno.Success;
    }
}
