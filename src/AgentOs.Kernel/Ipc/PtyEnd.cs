using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Vfs;

namespace AgentOs.Kernel.Ipc;

/// <summary>What both sides of a <see cref="Ipc.Pty"/> share: the terminal, a character-device type and its stat,
/// and readiness notifications the terminal raises outside its lock.</summary>
internal abstract class PtyEnd : FileDescription
{
    private protected PtyEnd(Pty pty)
        : base(OpenFlags.ReadWrite)
    {
        Pty = pty;
    }

    /// <summary>The terminal this side belongs to.</summary>
    public Pty Pty { get; }

    /// <inheritdoc/>
    public override FileType FileType => FileType.CharacterDevice;

    /// <inheritdoc/>
    public override Errno Stat(out StatInfo stat)
    {
        stat = Pty.Stat();
        return Errno.Success;
    }

    /// <summary>Raises <see cref="FileDescription.ReadinessChanged"/>; the terminal calls it outside its lock.</summary>
    internal void RaiseReadinessChanged() => NotifyReadinessChanged();
}
