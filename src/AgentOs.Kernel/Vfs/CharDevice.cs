namespace AgentOs.Kernel.Vfs;

/// <summary>The character devices the kernel implements (Linux major 1 "mem" minors).</summary>
internal enum CharDevice
{
    Null = 3,
    Zero = 5,
    Full = 7,
    Random = 8,
    URandom = 9,
}
