using AgentOs.Kernel;

namespace AgentOs.Network;

/// <summary>
/// A host connection into a VM failed. <see cref="Errno"/> is the kernel's answer: ECONNREFUSED when no guest
/// listens on the port, EAGAIN when <c>maxSockets</c>/<c>maxConnections</c> is reached, ECONNRESET/EPIPE when the
/// guest reset or closed the connection mid-transfer.
/// </summary>
public sealed class AgentOsNetworkException : IOException
{
    /// <summary>Creates the exception for <paramref name="errno"/> on VM port <paramref name="port"/>.</summary>
    public AgentOsNetworkException(Errno errno, string operation, int port)
        : base($"{operation} to VM port {port} failed: {errno} ({AgentOsFileSystemException.Strerror(errno)})")
    {
        Errno = errno;
        Operation = operation;
        Port = port;
        HResult = -(int)errno;
    }

    /// <summary>The POSIX error, e.g. <see cref="Errno.ECONNREFUSED"/>.</summary>
    public Errno Errno { get; }

    /// <summary>The operation: <c>connect</c>, <c>read</c> or <c>write</c>.</summary>
    public string Operation { get; }

    /// <summary>The VM loopback port.</summary>
    public int Port { get; }
}
