namespace AgentOs.Kernel.Exec;

/// <summary>POSIX_SPAWN_* attribute bits (spec §2.4).</summary>
[Flags]
public enum SpawnAttributes
{
    None = 0,
    ResetIds = 1,
    SetProcessGroup = 2,
    SetSignalDefault = 4,
    SetSignalMask = 8,
    SetSchedParam = 16,
    SetScheduler = 32,
    UseVfork = 64,
    SetSid = 128,
    Supported = ResetIds | SetProcessGroup | SetSignalDefault | SetSignalMask | SetSchedParam | SetScheduler | UseVfork | SetSid,
}
