using AgentOs.Kernel.Ipc;

namespace AgentOs;

/// <summary>
/// The output of a terminal (what its programs wrote, after output processing) as a read-only <see cref="Stream"/>.
/// Nothing is buffered on the host: while nobody reads, the terminal's bounded buffer fills and the writing guest
/// blocks. Reads return 0 once every program closed the terminal and everything was read.
/// </summary>
internal sealed class TerminalOutputStream(PtyMaster master) : ReadOnlyAsyncStream
{
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        master.ReadAsync(buffer, cancellationToken);
}
