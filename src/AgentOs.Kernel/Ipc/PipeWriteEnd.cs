using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Threading;
using AgentOs.Kernel.Vfs;

namespace AgentOs.Kernel.Ipc;

/// <summary>
/// The write end of a <see cref="Ipc.Pipe"/> (O_WRONLY). Shared by every descriptor that refers to it; the last one
/// closing closes the end (readers then see EOF), and so does <see cref="Close"/> for host code that holds the end
/// without a descriptor.
/// </summary>
internal sealed class PipeWriteEnd : FileDescription
{
    internal PipeWriteEnd(Pipe pipe)
        : base(OpenFlags.WriteOnly)
    {
        Pipe = pipe;
    }

    /// <summary>The pipe this end writes to.</summary>
    public Pipe Pipe { get; }

    /// <inheritdoc/>
    public override FileType FileType => FileType.Fifo;

    /// <inheritdoc/>
    public override Errno Stat(out StatInfo stat)
    {
        stat = Pipe.Stat();
        return Errno.Success;
    }

    /// <inheritdoc/>
    public override PollEvents Poll() => Pipe.PollWriteEnd();

    /// <inheritdoc cref="Pipe.WriteAsync"/>
    public ValueTask<int> WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        Pipe.WriteAsync(buffer, cancellationToken);

    /// <summary>Closes this end for every holder (host side, e.g. end of stdin); readers see EOF after the buffer.</summary>
    public void Close() => Pipe.CloseWriteEnd();

    /// <summary>Raises <see cref="FileDescription.ReadinessChanged"/>; the pipe calls it outside its lock.</summary>
    internal void RaiseReadinessChanged() => NotifyReadinessChanged();

    /// <inheritdoc/>
    protected override Errno WriteCore(ReadOnlySpan<byte> buffer, in WaitContext wait, out int written) =>
        Pipe.Write(buffer, IsNonBlocking, wait, out written);

    /// <inheritdoc/>
    protected override void OnLastClose() => Pipe.CloseWriteEnd();
}
