namespace AgentOs.Kernel.Processes;

/// <summary>The life-cycle state of a process table entry.</summary>
public enum ProcessState
{
    /// <summary>Runnable (its executor thread may be running or blocked in a kernel wait).</summary>
    Running,

    /// <summary>Stopped by SIGSTOP/SIGTSTP/SIGTTIN/SIGTTOU until SIGCONT.</summary>
    Stopped,

    /// <summary>Exited; the entry stays until its parent reaps it with wait.</summary>
    Zombie,
}
