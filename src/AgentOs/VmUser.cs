namespace AgentOs;

/// <summary>The identity of processes and file operations started from the host.</summary>
public enum VmUser
{
    /// <summary>The reference VM's default user <c>agentos</c> (uid/gid 1000, home <c>/home/agentos</c>).</summary>
    AgentOs,

    /// <summary>The superuser (uid/gid 0, home <c>/root</c>).</summary>
    Root,
}
