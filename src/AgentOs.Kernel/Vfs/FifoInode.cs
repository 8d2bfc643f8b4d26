using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Ipc;

namespace AgentOs.Kernel.Vfs;

/// <summary>
/// A named FIFO (mkfifo): every open joins the inode's current pipe, the read end or the write end by access mode.
/// Unlike Linux an open never waits for the other side: brush opens a command's redirections itself, on its only
/// thread, before it starts the command, so `cmd &gt; fifo &amp;` followed by `other &lt; fifo` would otherwise hang
/// in the first open. A writer may therefore write before any reader is there; the bytes wait in the pipe.
/// </summary>
internal sealed class FifoInode : Inode
{
    private Pipe? _pipe;

    public FifoInode(FileSystemInstance fileSystem, uint permissions, uint uid, uint gid)
        : base(fileSystem, ModeBits.Fifo | (permissions & ModeBits.PermissionMask), uid, gid)
    {
    }

    /// <summary>
    /// The end of the current pipe for <paramref name="flags"/>' access mode (for O_RDWR, one description holding
    /// both). A new pipe starts once the last reader has gone, or for a writer once the last writer has; until then
    /// readers still get what earlier writers left.
    /// </summary>
    public Errno Open(OpenFlags flags, out FileDescription end)
    {
        var access = flags & OpenFlags.AccessModeMask;
        var write = access != OpenFlags.ReadOnly;
        lock (Sync)
        {
            if (_pipe is null || _pipe.ReadEndClosed || (write && _pipe.WriteEndClosed))
            {
                _pipe = Pipe.CreateNamed();
            }

            end = access switch
            {
                OpenFlags.ReadWrite => new FifoReadWriteEnd(_pipe, flags),
                OpenFlags.WriteOnly => _pipe.WriteEnd,
                _ => _pipe.ReadEnd,
            };
        }

        return (flags & OpenFlags.NonBlock) != 0 && end is not FifoReadWriteEnd ? end.SetStatusFlags(end.StatusFlags | OpenFlags.NonBlock) : Errno.Success;
    }
}
