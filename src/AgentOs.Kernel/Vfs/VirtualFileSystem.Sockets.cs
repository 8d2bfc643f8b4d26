using AgentOs.Kernel.Fds;

namespace AgentOs.Kernel.Vfs;

public sealed partial class VirtualFileSystem
{
    /// <summary>
    /// bind(2) of a Unix-domain socket to a path: creates a socket node (0777 minus the umask, owned by the caller)
    /// referring to <paramref name="socket"/>, charged like any node. EADDRINUSE when anything exists at the path
    /// (even a dangling symlink); otherwise the errors of a file create (ENOENT, ENOTDIR, EACCES, EROFS, ENOSPC).
    /// </summary>
    internal Errno BindSocket(in PathContext context, string path, FileDescription socket, out SocketInode? inode)
    {
        SocketInode? created = null;
        var permissions = 0x1FFu & ~context.Umask;
        var errno = CreateNode(context, path, allowTrailingSlash: false, chargedBytes: 0, (fileSystem, uid, gid, _) =>
            created = new SocketInode(fileSystem, socket, permissions, uid, gid));
        inode = created;
        return errno == Errno.EEXIST ? Errno.EADDRINUSE : errno;
    }

    /// <summary>
    /// connect(2)/sendto(2) to a Unix path: the socket bound to the node there (symlinks followed). ENOENT, ENOTDIR
    /// and search EACCES as for any lookup; EACCES without write permission on the node; ECONNREFUSED when the
    /// node is not a socket or its socket has closed (as Linux).
    /// </summary>
    internal Errno FindSocket(in PathContext context, string path, out FileDescription? socket)
    {
        socket = null;
        lock (_namespace)
        {
            var result = Walk(context, path, followFinal: true, out var lookup);
            if (result != Errno.Success)
            {
                return result;
            }

            if (lookup.Node is null)
            {
                return Errno.ENOENT;
            }

            if (lookup.Node is not SocketInode node)
            {
                return Errno.ECONNREFUSED;
            }

            if (!Permissions.Allows(context.Credentials, node, Permissions.Write))
            {
                return Errno.EACCES;
            }

            socket = node.Socket;
            return socket is null ? Errno.ECONNREFUSED : Errno.Success;
        }
    }
}
