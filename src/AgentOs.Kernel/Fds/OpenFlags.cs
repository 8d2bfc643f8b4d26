namespace AgentOs.Kernel.Fds;

/// <summary>open(2) flags with Linux values (the guest ABI's spawn actions use them verbatim).</summary>
[Flags]
public enum OpenFlags
{
    ReadOnly = 0,
    WriteOnly = 0x1,
    ReadWrite = 0x2,
    AccessModeMask = 0x3,
    Create = 0x40,
    Exclusive = 0x80,
    NoCtty = 0x100,
    Truncate = 0x200,
    Append = 0x400,
    NonBlock = 0x800,
    Direct = 0x4000,
    Directory = 0x10000,
    NoFollow = 0x20000,
    CloseOnExec = 0x80000,

    /// <summary>Status flags F_SETFL may change on an open description.</summary>
    SettableStatusMask = Append | NonBlock | Direct,
}
