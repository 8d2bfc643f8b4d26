using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Threading;

namespace AgentOs.Kernel.Ipc;

/// <summary>
/// The master side of a <see cref="Ipc.Pty"/> (/dev/ptmx): writing types at the terminal, reading gets what the
/// programs on it wrote. The host holds it without a descriptor (<see cref="WriteAsync"/>, <see cref="ReadAsync"/>,
/// <see cref="Close"/>); a descriptor for it behaves the same through read(2)/write(2). Closing it hangs the terminal up.
/// </summary>
internal sealed class PtyMaster : PtyEnd
{
    internal PtyMaster(Pty pty)
        : base(pty)
    {
    }

    /// <inheritdoc/>
    public override PollEvents Poll() => Pty.PollMaster();

    /// <inheritdoc cref="Pty.ReadOutputAsync"/>
    public ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Pty.ReadOutputAsync(buffer, cancellationToken);

    /// <inheritdoc cref="Pty.WriteInputAsync"/>
    public ValueTask<Errno> WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        Pty.WriteInputAsync(data, cancellationToken);

    /// <summary>Hangs the terminal up (host side); later closes and the last descriptor's close are no-ops.</summary>
    public void Close() => Pty.CloseMaster();

    /// <inheritdoc/>
    protected override Errno ReadCore(Span<byte> buffer, in WaitContext wait, out int read) =>
        Pty.ReadOutput(buffer, IsNonBlocking, wait, out read);

    /// <inheritdoc/>
    protected override Errno WriteCore(ReadOnlySpan<byte> buffer, in WaitContext wait, out int written) =>
        Pty.WriteInput(buffer, IsNonBlocking, wait, out written);

    /// <inheritdoc/>
    protected override void OnLastClose() => Pty.CloseMaster();
}
