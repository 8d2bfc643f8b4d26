namespace AgentOs.Kernel.Fds;

/// <summary>One entry of a poll(2) set: the fd, the events asked for, and (after the call) the events that hold.</summary>
public sealed class PollFd(int fd, PollEvents events)
{
    public int Fd { get; } = fd;

    public PollEvents Events { get; } = events;

    /// <summary>Set by the kernel: requested events that are ready, plus Err/Hup (always reported) or Nval.</summary>
    public PollEvents Returned { get; set; }
}
