using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Threading;
using AgentOs.Kernel.Vfs;

namespace AgentOs.Kernel.Ipc;

/// <summary>
/// A named FIFO opened O_RDWR (the `exec 3&lt;&gt; fifo` idiom): one description that reads and writes the same
/// pipe. It holds a reference on each of the pipe's ends while open, so neither side sees EOF or EPIPE through it.
/// </summary>
internal sealed class FifoReadWriteEnd : FileDescription
{
    private readonly Pipe _pipe;

    internal FifoReadWriteEnd(Pipe pipe, OpenFlags flags)
        : base((flags & ~OpenFlags.AccessModeMask) | OpenFlags.ReadWrite)
    {
        _pipe = pipe;
        pipe.ReadEnd.Retain();
        pipe.WriteEnd.Retain();
        pipe.ReadEnd.ReadinessChanged += NotifyReadinessChanged;
        pipe.WriteEnd.ReadinessChanged += NotifyReadinessChanged;
    }

    /// <inheritdoc/>
    public override FileType FileType => FileType.Fifo;

    /// <inheritdoc/>
    public override Errno Stat(out StatInfo stat)
    {
        stat = _pipe.Stat();
        return Errno.Success;
    }

    /// <inheritdoc/>
    public override PollEvents Poll() =>
        (_pipe.PollReadEnd() & (PollEvents.In | PollEvents.Hup)) | (_pipe.PollWriteEnd() & (PollEvents.Out | PollEvents.Err));

    /// <inheritdoc/>
    protected override Errno ReadCore(Span<byte> buffer, in WaitContext wait, out int read) =>
        _pipe.Read(buffer, IsNonBlocking, wait, out read);

    /// <inheritdoc/>
    protected override Errno WriteCore(ReadOnlySpan<byte> buffer, in WaitContext wait, out int written) =>
        _pipe.Write(buffer, IsNonBlocking, wait, out written);

    /// <inheritdoc/>
    protected override void OnLastClose()
    {
        _pipe.ReadEnd.ReadinessChanged -= NotifyReadinessChanged;
        _pipe.WriteEnd.ReadinessChanged -= NotifyReadinessChanged;
        _pipe.ReadEnd.Release();
        _pipe.WriteEnd.Release();
    }
}
