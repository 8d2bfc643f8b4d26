using AgentOs.Kernel.Fds;

namespace AgentOs.Kernel.Vfs;

/// <summary>
/// A Unix-domain socket's name in the file system (S_IFSOCK), made by bind(2). It refers to the bound socket while
/// that socket is open; connect(2) finds the socket through it. Closing the socket leaves the node (connects then get
/// ECONNREFUSED, as on Linux); unlinking it takes the name away without touching the socket or its connections.
/// </summary>
internal sealed class SocketInode : Inode
{
    private FileDescription? _socket;

    public SocketInode(FileSystemInstance fileSystem, FileDescription socket, uint permissions, uint uid, uint gid)
        : base(fileSystem, ModeBits.Socket | (permissions & ModeBits.PermissionMask), uid, gid)
    {
        _socket = socket;
    }

    /// <summary>The bound socket, or null once it has closed.</summary>
    public FileDescription? Socket => Volatile.Read(ref _socket);

    /// <summary>Forgets <paramref name="socket"/> when it closes (a no-op for any other socket).</summary>
    public void Unbind(FileDescription socket) => Interlocked.CompareExchange(ref _socket, null, socket);
}
