using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Threading;
using AgentOs.Kernel.Vfs;

namespace AgentOs.Kernel.Ipc;

/// <summary>
/// The read end of a <see cref="Ipc.Pipe"/> (O_RDONLY). Shared by every descriptor that refers to it; the last one
/// closing closes the end, and so does <see cref="Close"/> for host code that holds the end without a descriptor.
/// </summary>
internal sealed class PipeReadEnd : FileDescription
{
    internal PipeReadEnd(Pipe pipe)
        : base(OpenFlags.ReadOnly)
    {
        Pipe = pipe;
    }

    /// <summary>The pipe this end reads from.</summary>
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
    public override PollEvents Poll() => Pipe.PollReadEnd();

    /// <inheritdoc cref="Pipe.ReadAsync"/>
    public ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Pipe.ReadAsync(buffer, cancellationToken);

    /// <summary>Closes this end for every holder (host side); later closes and the last descriptor's close are no-ops.</summary>
    public void Close() => Pipe.CloseReadEnd();

    /// <summary>Raises <see cref="FileDescription.ReadinessChanged"/>; the pipe calls it outside its lock.</summary>
    internal void RaiseReadinessChanged() => NotifyReadinessChanged();

    /// <inheritdoc/>
    protected override Errno ReadCore(Span<byte> buffer, in WaitContext wait, out int read) =>
        Pipe.Read(buffer, IsNonBlocking, wait, out read);

    /// <inheritdoc/>
    protected override void OnLastClose() => Pipe.CloseReadEnd();
}
