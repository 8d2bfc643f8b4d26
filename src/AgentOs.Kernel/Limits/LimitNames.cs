namespace AgentOs.Kernel.Limits;

/// <summary>Stable gauge names (log and event tags) of the kernel's resource caps.</summary>
public static class LimitNames
{
    public const string Processes = "vm_processes";
    public const string OpenFds = "vm_open_fds";
    public const string Pipes = "vm_pipes";
    public const string Ptys = "vm_ptys";
    public const string Sockets = "vm_sockets";
    public const string Connections = "vm_connections";
    public const string SocketBufferedBytes = "vm_socket_buffered_bytes";
    public const string SocketDatagramQueueLen = "vm_socket_datagram_queue_len";
    public const string FilesystemBytes = "vm_filesystem_bytes";
    public const string Inodes = "vm_inodes";
    public const string PipeOverflowBytes = "vm_pipe_overflow_bytes";
    public const string MemoryBytes = "vm_memory_bytes";
    public const string QueuedCommands = "vm_queued_commands";
}
