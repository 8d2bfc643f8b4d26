using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Threading;

namespace AgentOs.Kernel.Ipc;

/// <summary>
/// The slave side of a <see cref="Ipc.Pty"/> (/dev/pts/N, O_RDWR): what a terminal program has as stdin, stdout and
/// stderr. Reads go through the line discipline, writes through output processing. The last descriptor closing
/// closes the side; the master then reads end of file.
/// </summary>
internal sealed class PtySlave : PtyEnd
{
    internal PtySlave(Pty pty)
        : base(pty)
    {
    }

    /// <inheritdoc/>
    public override PollEvents Poll() => Pty.PollSlave();

    /// <inheritdoc/>
    protected override Errno ReadCore(Span<byte> buffer, in WaitContext wait, out int read) =>
        Pty.SlaveRead(buffer, IsNonBlocking, wait, out read);

    /// <inheritdoc/>
    protected override Errno WriteCore(ReadOnlySpan<byte> buffer, in WaitContext wait, out int written) =>
        Pty.SlaveWrite(buffer, IsNonBlocking, wait, out written);

    /// <inheritdoc/>
    protected override void OnLastClose() => Pty.CloseSlave();
}
