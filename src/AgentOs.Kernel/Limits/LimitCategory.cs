namespace AgentOs.Kernel.Limits;

/// <summary>What kind of bound a gauge tracks; the lowercase name is the log/event tag.</summary>
public enum LimitCategory
{
    /// <summary>A kernel resource cap such as processes, descriptors or filesystem bytes.</summary>
    Resource,

    /// <summary>An internal bounded queue between guest, runtime and host.</summary>
    Queue,

    /// <summary>A memory budget.</summary>
    Memory,

    /// <summary>A CPU-time budget.</summary>
    Cpu,
}
